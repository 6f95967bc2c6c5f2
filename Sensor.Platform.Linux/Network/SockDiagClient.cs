using System.Buffers;
using System.Runtime.InteropServices;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux.Network;

/// <summary>
/// Dumps the kernel's TCP and UDP socket tables over a <c>NETLINK_SOCK_DIAG</c> socket, as <c>ss</c> does, with
/// one difference: TCP is asked with the original <c>TCPDIAG_GETSOCK</c> request, which the kernel answers for both
/// families in one walk of its hash table, where <c>ss</c> walks it once per family; UDP is asked per family.
/// Replies are parsed by <see cref="InetDiagParser"/>.
/// </summary>
internal static unsafe class SockDiagClient
{
    private const int AfNetlink = 16;
    private const int SockRaw = 3;
    private const int SockCloexec = 0x80000;
    private const int NetlinkSockDiag = 4;
    private const byte IpProtoTcp = 6;
    private const byte IpProtoUdp = 17;

    // The kernel fills at most one skb per recv (about 32 KiB); a larger buffer costs nothing and never truncates.
    private const int ReceiveBufferSize = 64 * 1024;

    /// <summary>Appends every TCP and UDP socket, v4 and v6. Returns 0 or an errno.</summary>
    public static int DumpAll(List<SocketEntry> sockets)
    {
        int fd = Interop.Libc.Socket(AfNetlink, SockRaw | SockCloexec, NetlinkSockDiag);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        try
        {
            uint sequence = 1;
            // TCP of both families in one walk of the hash table; a kernel that refuses the old request type is
            // asked per family.
            int count = sockets.Count;
            bool bothTcp = Dump(fd, 0, IpProtoTcp, sequence++, buffer, sockets) == 0;
            if (!bothTcp)
            {
                sockets.RemoveRange(count, sockets.Count - count);
            }

            foreach ((byte family, byte protocol) in (ReadOnlySpan<(byte, byte)>)
                [(InetDiagParser.AfInet, IpProtoTcp), (InetDiagParser.AfInet6, IpProtoTcp),
                 (InetDiagParser.AfInet, IpProtoUdp), (InetDiagParser.AfInet6, IpProtoUdp)])
            {
                if (bothTcp && protocol == IpProtoTcp)
                {
                    continue;
                }

                int errno = Dump(fd, family, protocol, sequence++, buffer, sockets);
                // A kernel without IPv6 (or without UDP diag, before 3.x) answers ENOENT: skip that table only.
                if (errno != 0 && errno != Errno.ENOENT)
                {
                    return errno;
                }
            }

            return 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interop.Libc.Close(fd);
        }
    }

    /// <summary>One dump: of <paramref name="family"/>, or with family 0 of TCP in both families (the compatible request).</summary>
    private static int Dump(int fd, byte family, byte protocol, uint sequence, byte[] buffer, List<SocketEntry> sockets)
    {
        byte* request = stackalloc byte[InetDiagParser.CompatRequestSize];
        int requestSize;
        if (family == 0)
        {
            InetDiagParser.WriteCompatTcpRequest(new Span<byte>(request, InetDiagParser.CompatRequestSize), sequence);
            requestSize = InetDiagParser.CompatRequestSize;
        }
        else
        {
            InetDiagParser.WriteRequest(new Span<byte>(request, InetDiagParser.RequestSize), family, protocol, sequence);
            requestSize = InetDiagParser.RequestSize;
        }

        byte* kernel = stackalloc byte[12]; // struct sockaddr_nl { AF_NETLINK, pad, pid 0 (kernel), groups 0 }
        new Span<byte>(kernel, 12).Clear();
        kernel[0] = AfNetlink;
        while (Interop.Libc.SendTo(fd, request, requestSize, 0, kernel, 12) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                return errno;
            }
        }

        bool isTcp = protocol == IpProtoTcp;
        fixed (byte* receive = buffer)
        {
            while (true)
            {
                nint received = Interop.Libc.Recv(fd, receive, buffer.Length, 0);
                if (received < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    return errno;
                }

                if (received == 0)
                {
                    return Errno.EIO;
                }

                switch (InetDiagParser.Parse(buffer.AsSpan(0, (int)received), isTcp, sockets, out int parseErrno))
                {
                    case InetDiagStatus.Done:
                        return 0;
                    case InetDiagStatus.Error:
                        return parseErrno;
                }
            }
        }
    }
}
