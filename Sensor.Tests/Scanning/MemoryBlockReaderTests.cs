using System.Text;
using Sensor.Platform.Linux;
using Sensor.Platform.Processes;
using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Tests.Scanning;

[Platform("Linux")]
[TestFixtureSource(nameof(Variants))]
public sealed class MemoryBlockReaderTests(ScanVariant variant)
{
    public static IEnumerable<ScanVariant> Variants() => NeedleScanner.SupportedVariants();

    [Test]
    public void SearchProcess_ChildSecrets_FoundOnceAtTheirTrueAddresses()
    {
        using var child = new SecretChild();
        var set = new NeedleSet([SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU]);
        using var search = new MemoryStringSearch(set, NeedleScanner.Create(set, variant));
        var hits = new List<StringHit>();
        ScanStopReason stop = search.SearchProcess(child.Pid, new MemoryScanOptions { SkipFileBacked = true }, 1000, hits);

        Assert.That(stop, Is.EqualTo(ScanStopReason.Completed));
        // The straddling secret: R1 is read from its base in 1 MiB chunks, so A crosses the first chunk boundary.
        ulong r1 = child.AddressOf("R1");
        Assert.That(child.AddressOf("A") - r1, Is.LessThan(1UL << 20));
        Assert.That(child.AddressOf("A") + (ulong)SecretChild.SecretA.Length - r1, Is.GreaterThan(1UL << 20));
        Assert.That(hits.Count(h => h == new StringHit(child.AddressOf("A"), 0)), Is.EqualTo(1));
        Assert.That(hits.Count(h => h == new StringHit(child.AddressOf("W"), 3)), Is.EqualTo(1));
        Assert.That(hits.Count(h => h == new StringHit(child.AddressOf("U"), 4)), Is.EqualTo(1));
        Assert.That(hits.Distinct().Count(), Is.EqualTo(hits.Count), "a hit was reported twice");
    }

    [Test]
    public void ReadNext_RegionUnmappedDuringScan_SkippedAndScanGoesOn()
    {
        using var child = new SecretChild();
        var set = new NeedleSet([SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU]);
        NeedleScanner scanner = NeedleScanner.Create(set, variant);
        using var reader = new MemoryBlockReader();
        Assert.That(reader.Begin(child.Pid, new MemoryScanOptions { SkipFileBacked = true }, set.Overlap), Is.Zero);
        ulong r2 = child.AddressOf("R2");
        Assert.That(reader.Regions.Any(r => r.BaseAddress == r2), Is.True, "R2 is in the maps read at the start");

        var matches = new List<NeedleMatch>();
        var found = new List<StringHit>();
        bool first = true;
        while (reader.ReadNext(out MemoryBlock block))
        {
            Assert.That(block.Address, Is.Not.EqualTo(r2), "a block of the unmapped region was returned");
            if (first)
            {
                // The first block is below R2 (the heap or the stack region of a low address); unmap R2 now.
                Assert.That(block.Address, Is.LessThan(r2));
                child.UnmapR2();
                first = false;
            }

            matches.Clear();
            scanner.Scan(block.Bytes, block.CarriedBytes, matches, int.MaxValue);
            ulong address = block.Address;
            found.AddRange(matches.Select(m => new StringHit(address + (ulong)m.Offset, m.PatternIndex)));
        }

        Assert.That(reader.StopReason, Is.EqualTo(ScanStopReason.Completed));
        Assert.That(reader.RegionsSkipped, Is.GreaterThanOrEqualTo(1));
        Assert.That(found, Does.Contain(new StringHit(child.AddressOf("A"), 0)));
        Assert.That(found, Does.Contain(new StringHit(child.AddressOf("W"), 3)));
        Assert.That(found.Select(h => h.PatternIndex), Has.None.EqualTo(4));
    }

    [Test]
    public void ReadNext_ProcessKilledMidScan_ProcessError()
    {
        var child = new SecretChild();
        using var reader = new MemoryBlockReader();
        Assert.That(reader.Begin(child.Pid, MemoryScanOptions.Default, 0), Is.Zero);
        Assert.That(reader.ReadNext(out _), Is.True);
        child.Process.Kill();
        child.Process.WaitForExit();
        while (reader.ReadNext(out _))
        {
        }

        child.Dispose();
        Assert.That(reader.StopReason, Is.EqualTo(ScanStopReason.ProcessError));
    }

    [Test]
    public void ReadNext_ByteBudget_StopsWithinBudget()
    {
        using var child = new SecretChild();
        using var reader = new MemoryBlockReader(64 << 10);
        var options = new MemoryScanOptions { ChunkSize = 64 << 10, ByteBudget = 300_000 };
        Assert.That(reader.Begin(child.Pid, options, 0), Is.Zero);
        long total = 0;
        while (reader.ReadNext(out MemoryBlock block))
        {
            total += block.Bytes.Length - block.CarriedBytes;
        }

        Assert.That(reader.StopReason, Is.EqualTo(ScanStopReason.ByteBudget));
        Assert.That(total, Is.EqualTo(300_000));
    }

    [Test]
    public void ReadNext_MemReadOfFoundAddress_ReturnsTheSecret()
    {
        using var child = new SecretChild();
        Assert.That(LinuxHost.OpenMemory(child.Pid, out ProcessMemoryHandle handle), Is.Zero);
        byte[] bytes = new byte[SecretChild.SecretA.Length];
        Assert.That(LinuxHost.ReadMemory(ref handle, child.AddressOf("A"), bytes, out int got), Is.Zero);
        LinuxHost.CloseMemory(ref handle);
        Assert.That((got, Encoding.ASCII.GetString(bytes)), Is.EqualTo((bytes.Length, SecretChild.SecretA)));
    }
}
