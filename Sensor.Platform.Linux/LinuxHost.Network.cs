using Sensor.Platform.Linux.Network;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : INetworkHost
{
    public static SocketListResult ListSockets(List<SocketEntry> sockets)
    {
        // The descriptor walk and the dump are independent kernel work: they run side by side.
        int errno = SocketOwnerWalker.DumpAndAttribute(sockets, SockDiagClient.DumpAll, out int unreadable);
        if (errno != 0)
        {
            sockets.Clear();
            return new SocketListResult(Errno.ToErrorCode(errno), "sock_diag dump failed: " + Errno.Describe(errno), 0);
        }

        return new SocketListResult(0, null, unreadable);
    }
}
