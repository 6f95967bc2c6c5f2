using System.Buffers.Binary;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux.Network;

/// <summary>What one netlink receive buffer of a sock_diag dump held.</summary>
public enum InetDiagStatus
{
    /// <summary>Sockets were read; the dump goes on in the next receive.</summary>
    More = 0,

    /// <summary><c>NLMSG_DONE</c>: the dump is complete.</summary>
    Done = 1,

    /// <summary><c>NLMSG_ERROR</c> with a non-zero errno, or a message that does not fit its buffer.</summary>
    Error = 2,
}

/// <summary>
/// Parses the replies of a <c>SOCK_DIAG_BY_FAMILY</c> dump: <c>nlmsghdr</c> + <c>inet_diag_msg</c> records
/// (linux/inet_diag.h), as <c>ss</c> reads them. Pure: bytes in, <see cref="SocketEntry"/> values out.
/// </summary>
public static class InetDiagParser
{
    public const int NetlinkHeaderSize = 16;
    public const int InetDiagMessageSize = 72;
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort SockDiagByFamily = 20;

    /// <summary>The original inet_diag request (<c>struct inet_diag_req</c>), whose TCP dump covers both families.</summary>
    public const ushort TcpDiagGetSock = 18;

    public const int RequestSize = 72;
    public const int CompatRequestSize = 76;

    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    // Linux tcp_states.h (index) → MIB_TCP_STATE. 12 is TCP_NEW_SYN_RECV, a request socket: SYN-RECEIVED.
    private static ReadOnlySpan<byte> LinuxToMibState =>
    [
        0,
        TcpState.Established, TcpState.SynSent, TcpState.SynReceived, TcpState.FinWait1, TcpState.FinWait2,
        TcpState.TimeWait, TcpState.Closed, TcpState.CloseWait, TcpState.LastAck, TcpState.Listen, TcpState.Closing,
        TcpState.SynReceived,
    ];

    /// <summary>The MIB_TCP_STATE value of a Linux TCP state; 0 for an unknown one.</summary>
    public static byte ToMibState(byte linuxState) =>
        linuxState < LinuxToMibState.Length ? LinuxToMibState[linuxState] : (byte)0;

    /// <summary>
    /// Appends the sockets of one receive buffer. <paramref name="isTcp"/> says which dump this is (the reply does not
    /// repeat the protocol). <paramref name="errno"/> is the kernel's error when <see cref="InetDiagStatus.Error"/>.
    /// </summary>
    public static InetDiagStatus Parse(ReadOnlySpan<byte> buffer, bool isTcp, List<SocketEntry> sockets, out int errno)
    {
        errno = 0;
        while (buffer.Length >= NetlinkHeaderSize)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(buffer[4..]);
            if (length < NetlinkHeaderSize || length > (uint)buffer.Length)
            {
                errno = Errno.EIO;
                return InetDiagStatus.Error;
            }

            ReadOnlySpan<byte> payload = buffer[NetlinkHeaderSize..(int)length];
            switch (type)
            {
                case NlmsgDone:
                    return InetDiagStatus.Done;
                case NlmsgError:
                    // struct nlmsgerr: int error (negative errno), then the request's header; 0 is an ACK.
                    int error = payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload) : -Errno.EIO;
                    if (error != 0)
                    {
                        errno = -error;
                        return InetDiagStatus.Error;
                    }

                    break;
                // A reply has its request's type: SOCK_DIAG_BY_FAMILY, or TCPDIAG_GETSOCK for the compatible request.
                case SockDiagByFamily or TcpDiagGetSock when payload.Length >= InetDiagMessageSize:
                    sockets.Add(ReadMessage(payload, isTcp));
                    break;
            }

            // Messages are 4-byte aligned (NLMSG_ALIGN).
            int next = (int)((length + 3) & ~3u);
            if (next >= buffer.Length)
            {
                break;
            }

            buffer = buffer[next..];
        }

        return InetDiagStatus.More;
    }

    /// <summary>Reads one <c>inet_diag_msg</c>.</summary>
    public static SocketEntry ReadMessage(ReadOnlySpan<byte> message, bool isTcp)
    {
        byte family = message[0];
        bool v6 = family == AfInet6;
        var entry = new SocketEntry
        {
            Protocol = isTcp
                ? (v6 ? SocketProtocol.Tcp6 : SocketProtocol.Tcp4)
                : (v6 ? SocketProtocol.Udp6 : SocketProtocol.Udp4),
            State = isTcp ? ToMibState(message[1]) : (byte)0,
            // inet_diag_sockid: ports are big-endian, addresses network order, 16 bytes each (v4 in the first 4).
            LocalPort = BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            RemotePort = BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            Handle = BinaryPrimitives.ReadUInt32LittleEndian(message[68..]),
            ProcessId = -1,
        };
        int addressLength = v6 ? 16 : 4;
        message.Slice(8, addressLength).CopyTo(entry.LocalAddress);
        message.Slice(24, addressLength).CopyTo(entry.RemoteAddress);
        return entry;
    }

    /// <summary>
    /// Writes the 72-byte dump request (<c>nlmsghdr</c> + <c>inet_diag_req_v2</c>) for one family and protocol,
    /// every state.
    /// </summary>
    public static void WriteRequest(Span<byte> request, byte family, byte ipProtocol, uint sequence)
    {
        WriteDumpHeader(request, RequestSize, SockDiagByFamily, sequence);
        request[16] = family;
        request[17] = ipProtocol;
        BinaryPrimitives.WriteUInt32LittleEndian(request[20..], 0xFFFF_FFFF); // idiag_states: all
    }

    /// <summary>
    /// Writes the 76-byte <c>TCPDIAG_GETSOCK</c> dump request (<c>nlmsghdr</c> + <c>inet_diag_req</c>: family,
    /// src_len, dst_len, ext, a 48-byte socket id, states, dbs), every state. The kernel dumps such a request with
    /// the family unspecified, so one walk of the TCP hash table returns the IPv4 and the IPv6 sockets: the
    /// per-family requests walk the whole table twice (about 4 ms for a second walk past 10,000 sockets).
    /// </summary>
    public static void WriteCompatTcpRequest(Span<byte> request, uint sequence)
    {
        WriteDumpHeader(request, CompatRequestSize, TcpDiagGetSock, sequence);
        request[16] = AfInet;
        BinaryPrimitives.WriteUInt32LittleEndian(request[68..], 0xFFFF_FFFF); // idiag_states: all
    }

    /// <summary>Clears the request and writes its <c>nlmsghdr</c>: a dump request of <paramref name="size"/> bytes.</summary>
    private static void WriteDumpHeader(Span<byte> request, int size, ushort type, uint sequence)
    {
        request[..size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(request[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(request[6..], 0x1 | 0x300); // NLM_F_REQUEST | NLM_F_DUMP
        BinaryPrimitives.WriteUInt32LittleEndian(request[8..], sequence);
    }
}
