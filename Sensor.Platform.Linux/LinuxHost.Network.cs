using Sensor.Platform.Linux.Network;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : INetworkHost
{
    public static SocketListResult ListSockets(List<SocketEntry> sockets)
    {
        int errno = SockDiagClient.DumpAll(sockets);
        if (errno != 0)
        {
            return new SocketListResult(Errno.ToErrorCode(errno), "sock_diag dump failed: " + Errno.Describe(errno), 0);
        }

        int unreadable = SocketOwnerWalker.Attribute(sockets);
        return new SocketListResult(0, null, unreadable);
    }
}
