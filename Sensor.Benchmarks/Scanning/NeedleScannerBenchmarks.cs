using BenchmarkDotNet.Attributes;
using Sensor.Scanning;

namespace Sensor.Benchmarks.Scanning;

/// <summary>
/// The search kernel alone, in memory: 64 MiB in 1 MiB blocks (as the block reader hands them out), four needles as
/// ASCII and UTF-16LE (8 patterns) in one pass. The baseline is <c>Span.Count</c> of one byte: a read of the same
/// bytes at memory bandwidth, so the ratio says how close the search is to the read limit. Zero allocations expected.
/// </summary>
[MemoryDiagnoser]
public class NeedleScannerBenchmarks
{
    private const int Size = 64 << 20;
    private const int Block = 1 << 20;
    private byte[] _data = [];
    private NeedleScanner _scanner = null!;
    private readonly List<NeedleMatch> _matches = new(64);

    [ParamsSource(nameof(Variants))]
    public ScanVariant Variant { get; set; }

    public static IEnumerable<ScanVariant> Variants() => NeedleScanner.SupportedVariants();

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkMemory.Create(Size);
        _scanner = NeedleScanner.Create(new NeedleSet(BenchmarkMemory.Needles), Variant);
    }

    [Benchmark(Baseline = true)]
    public int ReadBandwidthCountByte() => _data.AsSpan().Count((byte)0x41);

    [Benchmark]
    public int FourNeedlesAsciiAndUtf16OnePass()
    {
        int found = 0;
        for (int at = 0; at < Size; at += Block)
        {
            _matches.Clear();
            _scanner.Scan(_data.AsSpan(at, Block), 0, _matches, 1000);
            found += _matches.Count;
        }

        return found;
    }
}
