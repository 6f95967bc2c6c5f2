using BenchmarkDotNet.Attributes;
using Sensor.Platform.Linux.Network;
using Sensor.Platform.Network;

namespace Sensor.Benchmarks;

/// <summary>
/// Parsing one 32 KiB receive buffer of a sock_diag dump (about 370 sockets): the user-space share of netstat's
/// dump, which must stay allocation-free apart from the list it fills.
/// </summary>
[MemoryDiagnoser]
public class InetDiagParserBenchmarks
{
    private readonly byte[] _buffer = new byte[32 * 1024];
    private readonly List<SocketEntry> _sockets = new(1024);
    private int _length;

    [GlobalSetup]
    public void Setup()
    {
        const int MessageSize = InetDiagParser.NetlinkHeaderSize + InetDiagParser.InetDiagMessageSize;
        int count = _buffer.Length / MessageSize;
        for (int i = 0; i < count; i++)
        {
            Span<byte> message = _buffer.AsSpan(i * MessageSize, MessageSize);
            BitConverter.TryWriteBytes(message, (uint)MessageSize);
            BitConverter.TryWriteBytes(message[4..], InetDiagParser.SockDiagByFamily);
            message[16] = InetDiagParser.AfInet;
            message[17] = 1; // ESTABLISHED
            message[20] = (byte)(i >> 8);
            message[21] = (byte)i;
            message[24] = 127;
            message[27] = 1;
            BitConverter.TryWriteBytes(message[(16 + 68)..], (uint)(100_000 + i));
        }

        _length = count * MessageSize;
    }

    [Benchmark]
    public int Parse()
    {
        _sockets.Clear();
        InetDiagParser.Parse(_buffer.AsSpan(0, _length), isTcp: true, _sockets, out _);
        return _sockets.Count;
    }
}
