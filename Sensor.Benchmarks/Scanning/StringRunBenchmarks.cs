using BenchmarkDotNet.Attributes;
using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Benchmarks.Scanning;

/// <summary>
/// mem_strings' kernel alone: ASCII and UTF-16LE (both parities) runs of 5+ over 64 MiB of noise in 1 MiB blocks that
/// overlap by one byte, as the block reader hands them out. Baseline: the three per-stream extractors the one-pass
/// scanner replaced (<see cref="ReferenceStringRunExtractor{T}"/>, same strings in the same order); also a plain read
/// of the bytes (<c>Span.Count</c>, memory bandwidth) for the floor. Zero allocations expected.
/// </summary>
[MemoryDiagnoser]
public class StringRunBenchmarks
{
    private const int Size = 64 << 20;
    private const int Block = 1 << 20;
    private byte[] _data = [];
    private CountingSink _sink = null!;
    private MemoryStringCollector _collector = null!;
    private ReferenceStringCollector _reference = null!;

    [ParamsSource(nameof(Variants))]
    public ScanVariant Variant { get; set; }

    public static IEnumerable<ScanVariant> Variants() => StringRunScanner.SupportedVariants();

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkMemory.Create(Size);
        _sink = new CountingSink();
        _collector = new MemoryStringCollector(_sink, scanner: new StringRunScanner(Variant));
        _reference = new ReferenceStringCollector(_sink);
    }

    [Benchmark(Baseline = true)]
    public long PerStreamExtractors()
    {
        _sink.Count = 0;
        for (int at = 0; at < Size; at += Block)
        {
            int start = Math.Max(0, at - 1);
            _reference.Feed(0x10000000UL + (ulong)start, _data.AsSpan(start, at + Block - start));
        }

        _reference.Flush();
        return _sink.Count;
    }

    [Benchmark]
    public long OnePassScanner()
    {
        _sink.Count = 0;
        for (int at = 0; at < Size; at += Block)
        {
            int start = Math.Max(0, at - 1);
            _collector.Feed(0x10000000UL + (ulong)start, _data.AsSpan(start, at + Block - start));
        }

        _collector.Flush();
        return _sink.Count;
    }

    [Benchmark]
    public int ReadBandwidthCountByte() => _data.AsSpan().Count((byte)0x41);

    private sealed class CountingSink : IStringRunSink
    {
        public long Count;

        public bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide)
        {
            Count++;
            return true;
        }

        public bool OnStrings(in StringRunBatch batch)
        {
            Count += batch.AsciiCount + batch.WideCount;
            return true;
        }
    }
}
