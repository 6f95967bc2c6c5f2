using Sensor.Platform.Processes;
using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Tests.Scanning;

/// <summary>
/// The plan and the per-thread unit readers driven by hand, so which reader reads which chunk is fixed: the chunks
/// alternate between two readers, as two threads taking turns would read them.
/// </summary>
[Platform("Linux")]
public sealed class MemoryScanPlanTests
{
    private static readonly NeedleSet Secrets = new([SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU]);

    /// <summary>Takes every unit, reader <c>sequence % 2</c> reading it; returns the hits and each reader's unit results.</summary>
    private static (List<StringHit> Hits, List<(int Sequence, int Reader, ScanStopReason Stop, int Skipped)> Units) ReadAlternating(
        MemoryScanPlan plan, MemoryUnitReader[] readers, Action<MemoryScanUnit>? beforeUnit = null)
    {
        NeedleScanner scanner = NeedleScanner.Create(Secrets);
        var hits = new List<StringHit>();
        var units = new List<(int, int, ScanStopReason, int)>();
        var matches = new List<NeedleMatch>();
        while (plan.TryTake(out MemoryScanUnit unit))
        {
            beforeUnit?.Invoke(unit);
            MemoryUnitReader reader = readers[unit.Sequence % readers.Length];
            reader.BeginUnit(plan, unit);
            while (reader.ReadNext(out MemoryBlock block))
            {
                Assert.That(block.Address, Is.EqualTo(unit.Address - (ulong)block.CarriedBytes).Or.GreaterThan(unit.Address), "a block outside its unit");
                matches.Clear();
                scanner.Scan(block.Bytes, block.CarriedBytes, matches, int.MaxValue);
                ulong address = block.Address;
                hits.AddRange(matches.Select(m => new StringHit(address + (ulong)m.Offset, m.PatternIndex)));
            }

            units.Add((unit.Sequence, unit.Sequence % readers.Length, reader.StopReason, reader.RegionsSkipped));
            if (reader.StopReason != ScanStopReason.Completed)
            {
                plan.Close();
            }
        }

        return (hits, units);
    }

    private static MemoryUnitReader[] OpenReaders(int pid, int count)
    {
        var readers = new MemoryUnitReader[count];
        for (int i = 0; i < count; i++)
        {
            readers[i] = new MemoryUnitReader();
            Assert.That(readers[i].Open(pid), Is.Zero);
        }

        return readers;
    }

    [Test]
    public void TryTake_SecretStraddlingTwoReadersChunks_FoundOnceByTheLaterChunk()
    {
        using var child = new SecretChild();
        var plan = new MemoryScanPlan();
        Assert.That(plan.Begin(child.Pid, new MemoryScanOptions { SkipFileBacked = true }, Secrets.Overlap), Is.Zero);
        MemoryUnitReader[] readers = OpenReaders(child.Pid, 2);
        var taken = new List<MemoryScanUnit>();
        var (hits, _) = ReadAlternating(plan, readers, taken.Add);

        // A starts 7 bytes before R1's first 1 MiB chunk boundary: the chunk before and the chunk after it are
        // consecutive units, so they went to different readers; the later one carries the overlap.
        ulong r1 = child.AddressOf("R1");
        MemoryScanUnit before = taken.Single(u => u.Address == r1);
        MemoryScanUnit after = taken.Single(u => u.Address == r1 + (1UL << 20));
        Assert.That(after.Sequence, Is.EqualTo(before.Sequence + 1));
        Assert.That(after.Carried, Is.EqualTo(Secrets.Overlap));
        Assert.That(before.Carried, Is.Zero, "a region's first chunk carries nothing");
        Assert.That(hits.Count(h => h == new StringHit(child.AddressOf("A"), 0)), Is.EqualTo(1));
        Assert.That(hits.Count(h => h == new StringHit(child.AddressOf("W"), 3)), Is.EqualTo(1));
        Assert.That(hits.Count(h => h == new StringHit(child.AddressOf("U"), 4)), Is.EqualTo(1));
        Assert.That(plan.StopReason, Is.EqualTo(ScanStopReason.Completed));
        foreach (MemoryUnitReader reader in readers)
        {
            reader.Dispose();
        }
    }

    [Test]
    public void TryTake_SameChunksAsTheOneThreadReader()
    {
        using var child = new SecretChild();
        var options = new MemoryScanOptions { ChunkSize = 64 << 10 };
        using var one = new MemoryBlockReader(64 << 10);
        Assert.That(one.Begin(child.Pid, options, Secrets.Overlap), Is.Zero);
        var chunks = new List<(ulong Address, int Length, int Carried)>();
        while (one.ReadNext(out MemoryBlock block))
        {
            chunks.Add((block.Address, block.Bytes.Length, block.CarriedBytes));
        }

        var plan = new MemoryScanPlan();
        Assert.That(plan.Begin(child.Pid, options, Secrets.Overlap), Is.Zero);
        var units = new List<(ulong, int, int)>();
        while (plan.TryTake(out MemoryScanUnit unit))
        {
            units.Add((unit.Address - (ulong)unit.Carried, unit.Length + unit.Carried, unit.Carried));
        }

        Assert.That(units, Is.EqualTo(chunks));
        Assert.That(plan.RegionsScanned, Is.EqualTo(one.RegionsScanned));
    }

    [Test]
    public void ReadNext_RegionOfFourChunksUnmappedAfterThePlanBegan_SkippedOnceAsOnOneThread()
    {
        // 16 KiB chunks: R2 (64 KiB) is four units, read by the two readers in turn; each faults, one counts.
        using var child = new SecretChild();
        var options = new MemoryScanOptions { SkipFileBacked = true, ChunkSize = 16 << 10 };
        var plan = new MemoryScanPlan();
        Assert.That(plan.Begin(child.Pid, options, Secrets.Overlap), Is.Zero);
        using var one = new MemoryBlockReader(16 << 10);
        Assert.That(one.Begin(child.Pid, options, Secrets.Overlap), Is.Zero);
        ulong r2 = child.AddressOf("R2");
        Assert.That(plan.Regions.Any(r => r.BaseAddress == r2), Is.True, "R2 is in the maps read at the start");
        child.UnmapR2();

        MemoryUnitReader[] readers = OpenReaders(child.Pid, 2);
        var taken = new List<MemoryScanUnit>();
        var (hits, units) = ReadAlternating(plan, readers, taken.Add);
        Assert.That(taken.Count(u => u.Address >= r2 && u.Address < r2 + (64 << 10)), Is.EqualTo(4));
        Assert.That(units.All(u => u.Stop == ScanStopReason.Completed), Is.True);
        Assert.That(units.Sum(u => u.Skipped), Is.EqualTo(1), "R2 vanished: one skipped region, as on one thread");
        Assert.That(hits, Does.Contain(new StringHit(child.AddressOf("A"), 0)).And.Contain(new StringHit(child.AddressOf("W"), 3)));
        Assert.That(hits.Select(h => h.PatternIndex), Has.None.EqualTo(4));
        Assert.That(plan.StopReason, Is.EqualTo(ScanStopReason.Completed));

        while (one.ReadNext(out _))
        {
        }

        Assert.That((one.StopReason, one.RegionsSkipped), Is.EqualTo((ScanStopReason.Completed, 1)));
    }

    [Test]
    public void ReadNext_ProcessKilledMidScan_ProcessErrorInTheNextUnit()
    {
        var child = new SecretChild();
        var plan = new MemoryScanPlan();
        Assert.That(plan.Begin(child.Pid, MemoryScanOptions.Default, 0), Is.Zero);
        MemoryUnitReader[] readers = OpenReaders(child.Pid, 2);
        bool killed = false;
        var (_, units) = ReadAlternating(plan, readers, unit =>
        {
            if (unit.Sequence == 1 && !killed)
            {
                child.Process.Kill();
                child.Process.WaitForExit();
                killed = true;
            }
        });

        child.Dispose();
        Assert.That(units[0].Stop, Is.EqualTo(ScanStopReason.Completed));
        Assert.That(units[^1].Stop, Is.EqualTo(ScanStopReason.ProcessError));
        Assert.That(readers[units[^1].Reader].Error, Is.EqualTo(Sensor.Platform.ErrorCodes.InvalidParameter), "the process exited");
    }

    [Test]
    public void TryTake_ByteBudget_UnitsAddUpToTheBudget()
    {
        using var child = new SecretChild();
        var plan = new MemoryScanPlan();
        Assert.That(plan.Begin(child.Pid, new MemoryScanOptions { ChunkSize = 64 << 10, ByteBudget = 300_000 }, 0), Is.Zero);
        long total = 0;
        while (plan.TryTake(out MemoryScanUnit unit))
        {
            total += unit.Length;
        }

        Assert.That((plan.StopReason, total), Is.EqualTo((ScanStopReason.ByteBudget, 300_000L)));
    }
}
