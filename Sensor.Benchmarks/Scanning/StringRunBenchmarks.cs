using BenchmarkDotNet.Attributes;
using Sensor.Scanning;

namespace Sensor.Benchmarks.Scanning;

/// <summary>mem_strings' kernel: ASCII and UTF-16LE (both parities) runs of 5+ over 64 MiB of noise, in 1 MiB blocks.</summary>
[MemoryDiagnoser]
public class StringRunBenchmarks
{
    private const int Size = 64 << 20;
    private const int Block = 1 << 20;
    private byte[] _data = [];
    private CountingSink _sink = null!;
    private MemoryStringCollector _collector = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkMemory.Create(Size);
        _sink = new CountingSink();
        _collector = new MemoryStringCollector(_sink);
    }

    [Benchmark]
    public long ExtractStrings()
    {
        _sink.Count = 0;
        for (int at = 0; at < Size; at += Block)
        {
            _collector.Feed(0x10000000UL + (ulong)at, _data.AsSpan(at, Block));
        }

        _collector.Flush();
        return _sink.Count;
    }

    private sealed class CountingSink : IStringRunSink
    {
        public long Count;

        public bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide)
        {
            Count++;
            return true;
        }
    }
}
