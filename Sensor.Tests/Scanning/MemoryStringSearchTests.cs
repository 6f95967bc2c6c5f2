using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Tests.Scanning;

/// <summary>
/// The multi-threaded search against the one-thread search on the same real process: the same hits in the same order,
/// the same stop reason and counters, whatever the thread count, chunk size and limits.
/// </summary>
[Platform("Linux")]
[TestFixtureSource(nameof(Variants))]
public sealed class MemoryStringSearchTests(ScanVariant variant)
{
    // Where the W secret sits in R1 (secret_child.c): a chunk size this long puts a chunk boundary in its middle.
    private const int WOffsetInR1 = (2 << 20) + 12345;

    public static IEnumerable<ScanVariant> Variants() => NeedleScanner.SupportedVariants();

    private static readonly string[] Secrets = [SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU];

    private sealed record Outcome(ScanStopReason Stop, List<StringHit> Hits, int RegionsSkipped, long BytesRead, int Error);

    private Outcome Search(int pid, string[] needles, int threads, MemoryScanOptions options, int maxHits, CancellationToken cancellation = default)
    {
        var set = new NeedleSet(needles);
        using var search = new MemoryStringSearch(set, NeedleScanner.Create(set, variant), threads: threads);
        var hits = new List<StringHit>();
        ScanStopReason stop = search.SearchProcess(pid, options, maxHits, hits, cancellation);
        return new Outcome(stop, hits, search.RegionsSkipped, search.BytesRead, search.Error);
    }

    private static void AssertSame(Outcome one, Outcome many, int threads)
    {
        Assert.That(many.Stop, Is.EqualTo(one.Stop), $"stop reason, {threads} threads");
        Assert.That(many.Hits, Is.EqualTo(one.Hits), $"hits, {threads} threads");
        Assert.That((many.RegionsSkipped, many.Error), Is.EqualTo((one.RegionsSkipped, one.Error)), $"counters, {threads} threads");
        if (one.Stop is ScanStopReason.Completed or ScanStopReason.ByteBudget)
        {
            // Stopped early (the hit cap), the other threads may have read a chunk past the stop; not otherwise.
            Assert.That(many.BytesRead, Is.EqualTo(one.BytesRead), $"bytes read, {threads} threads");
        }
    }

    [TestCase(1 << 20)]
    [TestCase(64 << 10)]
    [TestCase(WOffsetInR1 + 21)]
    public void SearchProcess_TwoAndThreeThreads_SameAsOneThread(int chunkSize)
    {
        using var child = new SecretChild();
        var options = new MemoryScanOptions { ChunkSize = chunkSize };
        Outcome one = Search(child.Pid, Secrets, 1, options, 1000);
        Assert.That(one.Stop, Is.EqualTo(ScanStopReason.Completed));
        Assert.That(one.Hits, Does.Contain(new StringHit(child.AddressOf("A"), 0)).And.Contain(new StringHit(child.AddressOf("W"), 3)));
        foreach (int threads in new[] { 2, 3 })
        {
            Outcome many = Search(child.Pid, Secrets, threads, options, 1000);
            AssertSame(one, many, threads);
            Assert.That(many.Hits.Count(h => h == new StringHit(child.AddressOf("A"), 0)), Is.EqualTo(1), "the straddling secret, once");
            Assert.That(many.Hits.Count(h => h == new StringHit(child.AddressOf("W"), 3)), Is.EqualTo(1));
        }
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(1000)]
    public void SearchProcess_HitCapTwoThreads_SameFirstHitsAndHitCap(int maxHits)
    {
        // R2 is 64 KiB of zeros: four zero bytes match at tens of thousands of places, in many chunks.
        using var child = new SecretChild();
        string[] zeros = ["\0\0\0\0"];
        var options = new MemoryScanOptions { ChunkSize = 16 << 10 };
        Outcome one = Search(child.Pid, zeros, 1, options, maxHits);
        Assert.That((one.Stop, one.Hits.Count), Is.EqualTo((ScanStopReason.HitCap, maxHits)));
        AssertSame(one, Search(child.Pid, zeros, 2, options, maxHits), 2);
    }

    [Test]
    public void SearchProcess_CapAmongSparseHits_SameFirstHitsAsOneThread()
    {
        // The secrets are in the binary's read-only data as well as in R1 and R2: hits in several regions and chunks,
        // so each cap below ends the merge in a different chunk.
        using var child = new SecretChild();
        var options = new MemoryScanOptions { ChunkSize = 64 << 10 };
        Outcome all = Search(child.Pid, Secrets, 1, options, 1000);
        Assert.That(all.Hits, Has.Count.GreaterThanOrEqualTo(4));
        for (int cap = 1; cap <= all.Hits.Count; cap++)
        {
            Outcome one = Search(child.Pid, Secrets, 1, options, cap);
            Assert.That((one.Stop, one.Hits), Is.EqualTo((ScanStopReason.HitCap, all.Hits.Take(cap).ToList())));
            AssertSame(one, Search(child.Pid, Secrets, 2, options, cap), 2);
        }
    }

    [Test]
    public void SearchProcess_ByteBudgetTwoThreads_SameBytesAndStop()
    {
        using var child = new SecretChild();
        var options = new MemoryScanOptions { ChunkSize = 64 << 10, ByteBudget = 300_000 };
        Outcome one = Search(child.Pid, ["\0\0\0\0"], 1, options, 1_000_000);
        Assert.That((one.Stop, one.BytesRead), Is.EqualTo((ScanStopReason.ByteBudget, 300_000L)));
        AssertSame(one, Search(child.Pid, ["\0\0\0\0"], 2, options, 1_000_000), 2);
    }

    [Test]
    public void SearchProcess_DeadlinePassedOrCancelled_SameStopWithoutHits()
    {
        using var child = new SecretChild();
        var expired = new MemoryScanOptions { Deadline = TimeSpan.Zero };
        Outcome one = Search(child.Pid, Secrets, 1, expired, 1000);
        Assert.That((one.Stop, one.Hits.Count), Is.EqualTo((ScanStopReason.Deadline, 0)));
        AssertSame(one, Search(child.Pid, Secrets, 2, expired, 1000), 2);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        one = Search(child.Pid, Secrets, 1, MemoryScanOptions.Default, 1000, cancelled.Token);
        Assert.That(one.Stop, Is.EqualTo(ScanStopReason.Cancelled));
        AssertSame(one, Search(child.Pid, Secrets, 2, MemoryScanOptions.Default, 1000, cancelled.Token), 2);
    }

    [Test]
    public void SearchProcess_NoSuchProcess_SameError()
    {
        Outcome one = Search(int.MaxValue, Secrets, 1, MemoryScanOptions.Default, 1000);
        Assert.That(one.Stop, Is.EqualTo(ScanStopReason.ProcessError));
        AssertSame(one, Search(int.MaxValue, Secrets, 2, MemoryScanOptions.Default, 1000), 2);
    }

    [Test]
    public void SearchProcess_ManyProcessesOnOneSearch_ThreadsReused()
    {
        // pid 0's shape: one search, process after process, with the children's results independent of the order.
        using var first = new SecretChild();
        using var second = new SecretChild();
        var set = new NeedleSet(Secrets);
        // Workers joined by an earlier test may still be listed until the kernel reaps them (Join returns when the
        // managed thread is done, slightly before its OS thread is gone).
        int before = ScanWorkerThreadsSettled(0);
        using (var search = new MemoryStringSearch(set, NeedleScanner.Create(set, variant), threads: 3))
        {
            foreach (SecretChild child in new[] { first, second, first })
            {
                var hits = new List<StringHit>();
                Assert.That(search.SearchProcess(child.Pid, MemoryScanOptions.Default, 1000, hits), Is.EqualTo(ScanStopReason.Completed));
                Outcome one = Search(child.Pid, Secrets, 1, MemoryScanOptions.Default, 1000);
                Assert.That((hits, search.BytesRead, search.RegionsSkipped), Is.EqualTo((one.Hits, one.BytesRead, one.RegionsSkipped)));
            }

            Assert.That(ScanWorkerThreads() - before, Is.EqualTo(2), "the calling thread and two helpers, started once");
        }

        Assert.That(ScanWorkerThreadsSettled(before), Is.EqualTo(before), "the helpers end with the search");
    }

    /// <summary>The count once it has reached <paramref name="expected"/>, or after 5 s, whatever it is then.</summary>
    private static int ScanWorkerThreadsSettled(int expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        int count;
        while ((count = ScanWorkerThreads()) != expected && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(10);
        }

        return count;
    }

    private static int ScanWorkerThreads() =>
        Directory.EnumerateDirectories("/proc/self/task").Count(task =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == "scan-worker";
            }
            catch (IOException)
            {
                return false; // the thread ended while listed
            }
        });
}
