using System.Buffers.Binary;
using Sensor.Platform.Network;

namespace Sensor.Platform.MacOS.Network;

/// <summary>
/// Reads a <c>struct socket_fdinfo</c> (sys/proc_info.h) as proc_pidfdinfo(PROC_PIDFDSOCKETINFO) fills it:
/// <c>proc_fileinfo</c> (24 bytes), then <c>socket_info</c>: <c>vinfo_stat</c> (136), so/pcb, type at 152,
/// protocol 156, family 160, ..., <c>soi_kind</c> at 232, <c>soi_proto</c> at 240 (<c>in_sockinfo</c>, or
/// <c>tcp_sockinfo</c> whose state follows the 80-byte <c>in_sockinfo</c>).
/// </summary>
public static class SocketFdInfoReader
{
    public const int Size = 792;
    private const int SocketInfo = 24;
    private const int Family = SocketInfo + 160;
    private const int Kind = SocketInfo + 232;
    private const int Proto = SocketInfo + 240;
    private const int AfInet = 2;
    private const int AfInet6 = 30;
    private const int SockinfoIn = 1;
    private const int SockinfoTcp = 2;

    // TSI_S_* (CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK,
    // FIN_WAIT_2, TIME_WAIT) → MIB_TCP_STATE.
    private static ReadOnlySpan<byte> MacToMibState =>
    [
        TcpState.Closed, TcpState.Listen, TcpState.SynSent, TcpState.SynReceived, TcpState.Established,
        TcpState.CloseWait, TcpState.FinWait1, TcpState.Closing, TcpState.LastAck, TcpState.FinWait2, TcpState.TimeWait,
    ];

    /// <summary>The socket, when it is an IPv4/IPv6 TCP or UDP one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> info, int pid, out SocketEntry entry)
    {
        entry = default;
        if (info.Length < Proto + 84)
        {
            return false;
        }

        int family = BinaryPrimitives.ReadInt32LittleEndian(info[Family..]);
        int kind = BinaryPrimitives.ReadInt32LittleEndian(info[Kind..]);
        if ((family != AfInet && family != AfInet6) || (kind != SockinfoIn && kind != SockinfoTcp))
        {
            return false;
        }

        bool v6 = family == AfInet6;
        bool tcp = kind == SockinfoTcp;
        ReadOnlySpan<byte> inInfo = info[Proto..];
        entry.Protocol = tcp ? (v6 ? SocketProtocol.Tcp6 : SocketProtocol.Tcp4) : (v6 ? SocketProtocol.Udp6 : SocketProtocol.Udp4);
        // insi_fport, insi_lport: ints holding the port in network order in their first two bytes.
        entry.RemotePort = BinaryPrimitives.ReadUInt16BigEndian(inInfo);
        entry.LocalPort = BinaryPrimitives.ReadUInt16BigEndian(inInfo[4..]);
        entry.ProcessId = pid;
        // insi_faddr at 32, insi_laddr at 48: in6_addr, or in4in6_addr whose IPv4 address is the last 4 bytes.
        if (v6)
        {
            inInfo.Slice(32, 16).CopyTo(entry.RemoteAddress);
            inInfo.Slice(48, 16).CopyTo(entry.LocalAddress);
        }
        else
        {
            inInfo.Slice(44, 4).CopyTo(entry.RemoteAddress);
            inInfo.Slice(60, 4).CopyTo(entry.LocalAddress);
        }

        if (tcp)
        {
            int state = BinaryPrimitives.ReadInt32LittleEndian(inInfo[80..]);
            entry.State = (uint)state < (uint)MacToMibState.Length ? MacToMibState[state] : (byte)0;
        }

        return true;
    }
}
