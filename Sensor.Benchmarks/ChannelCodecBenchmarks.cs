using System.Buffers;
using BenchmarkDotNet.Attributes;
using Sensor.Channel;

namespace Sensor.Benchmarks;

/// <summary>
/// The channel's per-event cost: frame encode + decode of an event-sized payload, plain and LZ4, and parsing a task,
/// against a plain copy of the same bytes (the baseline: what any framing costs at least).
/// </summary>
[MemoryDiagnoser]
public class ChannelCodecBenchmarks
{
    private byte[] _payload = [];
    private byte[] _copy = [];
    private byte[] _task = [];

    [Params(512, 65536)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Event-like content: field names and small numbers repeat, as in a directory listing.
        _payload = new byte[PayloadBytes];
        const string Text = "FILE_PATH/usr/lib/x86_64-linux-gnu/libc.so.6 FILE_SIZE 2125328 ";
        for (int i = 0; i < _payload.Length; i++)
        {
            _payload[i] = (byte)(Text[i % Text.Length] + (i % 509 == 0 ? 1 : 0));
        }

        _copy = new byte[PayloadBytes + 16];
        var buffer = new ArrayBufferWriter<byte>();
        MessageCodec.WriteTask(buffer, new TaskMessage
        {
            TaskId = new byte[16],
            InvestigationId = "case/2024/0001"u8.ToArray(),
            Command = "dir_list",
            Arguments = ["/usr/lib", "*.so", "-d", "3"],
            ExpiryMs = 1_900_000_000_000,
        });
        _task = buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Copy()
    {
        _payload.CopyTo(_copy, 5);
        return _copy[5];
    }

    [Benchmark]
    public int FramePlain() => RoundTrip(int.MaxValue);

    [Benchmark]
    public int FrameLz4() => RoundTrip(1);

    [Benchmark]
    public int ReadTask() => MessageCodec.ReadTask(_task, FrameLimits.Default).Arguments.Length;

    private int RoundTrip(int threshold)
    {
        byte[] wire = FrameWriter.Encode(_payload, FrameLimits.Default, threshold, out int length);
        FrameDecoder.TryDecode(wire.AsSpan(0, length), FrameLimits.Default, out Frame? frame, out _);
        ArrayPool<byte>.Shared.Return(wire);
        int result = frame!.Length;
        frame.Dispose();
        return result;
    }
}
