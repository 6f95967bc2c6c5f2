using Sensor.Platform.Network;
using Sensor.Platform.Windows.Network;

namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : INetworkHost
{
    private const uint AfInet = 2;
    private const uint AfInet6 = 23;

    public static unsafe SocketListResult ListSockets(List<SocketEntry> sockets)
    {
        foreach ((bool tcp, uint family) in (ReadOnlySpan<(bool, uint)>)[(true, AfInet), (true, AfInet6), (false, AfInet), (false, AfInet6)])
        {
            byte[] table = [];
            uint error;
            uint size = 64 * 1024;
            // The table can grow between the size query and the read: retry a few times with the size returned.
            int attempts = 0;
            do
            {
                table = new byte[size];
                fixed (byte* pointer = table)
                {
                    error = tcp
                        ? Interop.IpHlpApi.GetExtendedTcpTable(pointer, ref size, 0, family, Interop.IpHlpApi.TcpTableOwnerPidAll, 0)
                        : Interop.IpHlpApi.GetExtendedUdpTable(pointer, ref size, 0, family, Interop.IpHlpApi.UdpTableOwnerPid, 0);
                }
            }
            while (error == Win32Error.InsufficientBuffer && ++attempts < 5);

            if (error != 0)
            {
                return new SocketListResult(Win32Error.ToErrorCode(error), $"reading the {(tcp ? "TCP" : "UDP")} table failed: error {error}", 0);
            }

            ReadOnlySpan<byte> filled = table.AsSpan(0, (int)Math.Min(size, (uint)table.Length));
            if (tcp)
            {
                if (family == AfInet)
                {
                    IpHelperTables.ReadTcp4(filled, sockets);
                }
                else
                {
                    IpHelperTables.ReadTcp6(filled, sockets);
                }
            }
            else if (family == AfInet)
            {
                IpHelperTables.ReadUdp4(filled, sockets);
            }
            else
            {
                IpHelperTables.ReadUdp6(filled, sockets);
            }
        }

        return new SocketListResult(0, null, 0);
    }
}
