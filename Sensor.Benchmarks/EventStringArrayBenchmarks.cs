using BenchmarkDotNet.Attributes;
using MessagePack;
using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Benchmarks;

/// <summary>
/// Writing mem_strings' array: 100,000 short strings into one event. Baseline: a MessagePackWriter per element
/// (<see cref="EventBuilder.ItemUtf8"/>); against it one writer for the whole run of elements
/// (<see cref="EventBuilder.BeginItems"/>). Allocations per event stay zero.
/// </summary>
[MemoryDiagnoser]
public class EventStringArrayBenchmarks
{
    private const int Strings = 100_000;
    private readonly CommandContext _context = new(new NullEventSink(), new RoutingInfo { Hostname = "bench" }, Platform.OsFamily.Linux);
    private byte[] _text = [];
    private int[] _lengths = [];

    [GlobalSetup]
    public void Setup() => (_text, _lengths) = BenchmarkStrings.Create(Strings, seed: 1);

    [Benchmark(Baseline = true)]
    public int WriterPerItem()
    {
        EventBuilder reply = _context.Reply;
        reply.Begin("MEM_STRINGS_REP");
        reply.BeginArray(FieldNames.Stringsa);
        int at = 0;
        foreach (int length in _lengths)
        {
            reply.ItemUtf8(_text.AsSpan(at, length));
            at += length;
        }

        reply.EndArray();
        int size = reply.Length;
        reply.End(0);
        return size;
    }

    [Benchmark]
    public int OneWriterPerArray()
    {
        EventBuilder reply = _context.Reply;
        reply.Begin("MEM_STRINGS_REP");
        reply.BeginArray(FieldNames.Stringsa);
        MessagePackWriter writer = reply.BeginItems();
        int at = 0;
        foreach (int length in _lengths)
        {
            writer.WriteString(_text.AsSpan(at, length));
            at += length;
        }

        reply.EndItems(ref writer, _lengths.Length);
        reply.EndArray();
        int size = reply.Length;
        reply.End(0);
        return size;
    }
}
