using Sensor.Commands.Network;
using Sensor.Platform.Linux.Network;
using Sensor.Platform.Network;

namespace Sensor.Tests.Platform.Linux;

public sealed class InetDiagParserTests
{
    private static byte[] Sample(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "Network", name));

    [Test]
    public void Parse_DumpWithThreeSocketsAndDone_ReadsEachFieldAndStops()
    {
        var sockets = new List<SocketEntry>();
        InetDiagStatus status = InetDiagParser.Parse(Sample("sockdiag-dump.bin"), isTcp: true, sockets, out int errno);

        Assert.That(status, Is.EqualTo(InetDiagStatus.Done));
        Assert.That(errno, Is.Zero);
        Assert.That(sockets, Has.Count.EqualTo(3));
        Span<byte> text = stackalloc byte[64];
        SocketEntry listen = sockets[0];
        Assert.Multiple(() =>
        {
            Assert.That(listen.Protocol, Is.EqualTo(SocketProtocol.Tcp4));
            Assert.That(listen.State, Is.EqualTo(TcpState.Listen));
            Assert.That(listen.LocalPort, Is.EqualTo(8080));
            Assert.That(listen.RemotePort, Is.Zero);
            Assert.That(listen.Handle, Is.EqualTo(123456UL));
            Assert.That(listen.ProcessId, Is.EqualTo(-1));
        });
        Assert.That(Text(listen.LocalAddress, false), Is.EqualTo("127.0.0.1"));
        Assert.That(Text(listen.RemoteAddress, false), Is.EqualTo("0.0.0.0"));

        SocketEntry established = sockets[1];
        Assert.Multiple(() =>
        {
            Assert.That(established.Protocol, Is.EqualTo(SocketProtocol.Tcp6));
            Assert.That(established.State, Is.EqualTo(TcpState.Established));
            Assert.That(established.LocalPort, Is.EqualTo(443));
            Assert.That(established.RemotePort, Is.EqualTo(51000));
            Assert.That(established.Handle, Is.EqualTo(987654321UL));
        });
        Assert.That(Text(established.LocalAddress, true), Is.EqualTo("fe80::1"));
        Assert.That(Text(established.RemoteAddress, true), Is.EqualTo("2001:db8::42"));

        Assert.That(sockets[2].State, Is.EqualTo(TcpState.TimeWait));
        Assert.That(sockets[2].Handle, Is.Zero);
    }

    [Test]
    public void Parse_UdpDump_HasNoState()
    {
        var sockets = new List<SocketEntry>();
        InetDiagParser.Parse(Sample("sockdiag-dump.bin"), isTcp: false, sockets, out _);
        Assert.That(sockets.Select(s => s.Protocol), Is.EqualTo(new[] { SocketProtocol.Udp4, SocketProtocol.Udp6, SocketProtocol.Udp4 }));
        Assert.That(sockets.Select(s => s.State), Is.All.Zero);
    }

    [Test]
    public void Parse_CompatibleTcpReplies_ReadLikeSockDiagOnes()
    {
        // The same dump with every message's type rewritten to TCPDIAG_GETSOCK, as the kernel answers that request.
        byte[] sample = Sample("sockdiag-dump.bin");
        var expected = new List<SocketEntry>();
        InetDiagParser.Parse(sample, isTcp: true, expected, out _);
        for (int offset = 0; offset + InetDiagParser.NetlinkHeaderSize <= sample.Length;)
        {
            int length = BitConverter.ToInt32(sample, offset);
            if (BitConverter.ToUInt16(sample, offset + 4) == InetDiagParser.SockDiagByFamily)
            {
                BitConverter.TryWriteBytes(sample.AsSpan(offset + 4), InetDiagParser.TcpDiagGetSock);
            }

            offset += (length + 3) & ~3;
        }

        var sockets = new List<SocketEntry>();
        Assert.That(InetDiagParser.Parse(sample, isTcp: true, sockets, out _), Is.EqualTo(InetDiagStatus.Done));
        Assert.That(sockets, Has.Count.EqualTo(3));
        Assert.That(sockets.Select(Describe), Is.EqualTo(expected.Select(Describe)));
    }

    [Test]
    public void WriteCompatTcpRequest_Layout()
    {
        byte[] request = new byte[InetDiagParser.CompatRequestSize];
        InetDiagParser.WriteCompatTcpRequest(request, sequence: 7);
        Assert.Multiple(() =>
        {
            Assert.That(BitConverter.ToUInt32(request, 0), Is.EqualTo(76u), "nlmsg_len");
            Assert.That(BitConverter.ToUInt16(request, 4), Is.EqualTo(InetDiagParser.TcpDiagGetSock));
            Assert.That(BitConverter.ToUInt16(request, 6), Is.EqualTo(0x301), "NLM_F_REQUEST | NLM_F_DUMP");
            Assert.That(BitConverter.ToUInt32(request, 8), Is.EqualTo(7u));
            Assert.That(request[16], Is.EqualTo(InetDiagParser.AfInet), "idiag_family");
            Assert.That(BitConverter.ToUInt32(request, 68), Is.EqualTo(uint.MaxValue), "idiag_states");
            Assert.That(BitConverter.ToUInt32(request, 72), Is.Zero, "idiag_dbs");
        });
    }

    [Test]
    public void Parse_ErrorMessage_ReturnsKernelErrno()
    {
        var sockets = new List<SocketEntry>();
        InetDiagStatus status = InetDiagParser.Parse(Sample("sockdiag-error.bin"), isTcp: true, sockets, out int errno);
        Assert.That(status, Is.EqualTo(InetDiagStatus.Error));
        Assert.That(errno, Is.EqualTo(13));
        Assert.That(sockets, Is.Empty);
    }

    [Test]
    public void Parse_TruncatedMessage_ReturnsError()
    {
        byte[] sample = Sample("sockdiag-dump.bin");
        var sockets = new List<SocketEntry>();
        InetDiagStatus status = InetDiagParser.Parse(sample.AsSpan(0, 50), isTcp: true, sockets, out int errno);
        Assert.That(status, Is.EqualTo(InetDiagStatus.Error));
        Assert.That(errno, Is.Not.Zero);
    }

    [TestCase((byte)1, TcpState.Established)]
    [TestCase((byte)6, TcpState.TimeWait)]
    [TestCase((byte)7, TcpState.Closed)]
    [TestCase((byte)8, TcpState.CloseWait)]
    [TestCase((byte)10, TcpState.Listen)]
    [TestCase((byte)11, TcpState.Closing)]
    [TestCase((byte)12, TcpState.SynReceived)]
    [TestCase((byte)99, (byte)0)]
    public void ToMibState_LinuxState_MapsToMibNumbering(byte linux, byte mib) =>
        Assert.That(InetDiagParser.ToMibState(linux), Is.EqualTo(mib));

    [TestCase("socket:[12345]", 12345UL)]
    [TestCase("socket:[]", 0UL)]
    [TestCase("pipe:[12345]", 0UL)]
    [TestCase("socket:[12a45]", 0UL)]
    [TestCase("/dev/null", 0UL)]
    public void ParseInode_Link_ReturnsSocketInode(string link, ulong inode) =>
        Assert.That(SocketLinkParser.ParseInode(System.Text.Encoding.ASCII.GetBytes(link)), Is.EqualTo(inode));

    private static string Describe(SocketEntry s) =>
        $"{s.Protocol} {s.State} {Text(s.LocalAddress, s.IsIPv6)}:{s.LocalPort} {Text(s.RemoteAddress, s.IsIPv6)}:{s.RemotePort} {s.Handle} {s.ProcessId}";

    private static string Text(IpAddressBytes address, bool v6)
    {
        Span<byte> text = stackalloc byte[64];
        return System.Text.Encoding.ASCII.GetString(text[..IpAddressText.Format(address, v6, text)]);
    }
}
