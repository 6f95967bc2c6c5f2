using Sensor.Platform.Linux.Network;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : INetworkHost
{
    public static SocketListResult ListSockets(List<SocketEntry> sockets)
    {
        // The descriptor walk and the dump are independent kernel work: the walk starts first, on its own threads,
        // and this thread joins it once the dump is in.
        SocketOwnerWalker walker = SocketOwnerWalker.Start();
        int errno = SockDiagClient.DumpAll(sockets);
        if (errno != 0)
        {
            sockets.Clear();
            walker.Finish(sockets);
            return new SocketListResult(Errno.ToErrorCode(errno), "sock_diag dump failed: " + Errno.Describe(errno), 0);
        }

        int unreadable = walker.Finish(sockets);
        return new SocketListResult(0, null, unreadable);
    }
}
