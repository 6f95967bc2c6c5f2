using System.Collections.Concurrent;
using Sensor.Platform;

namespace Sensor.Tests.Platform;

public sealed class ParallelWorkTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(9)]
    public void Run_AnyNumberOfParts_EachRunsOnce_PartZeroOnTheCaller(int parts)
    {
        var seen = new ConcurrentDictionary<int, int>();
        int caller = Environment.CurrentManagedThreadId;
        int partZeroThread = -1;
        ParallelWork.Run(parts, part =>
        {
            seen.AddOrUpdate(part, 1, (_, n) => n + 1);
            if (part == 0)
            {
                partZeroThread = Environment.CurrentManagedThreadId;
            }
        });
        Assert.That(seen.Keys.Order(), Is.EqualTo(Enumerable.Range(0, parts)));
        Assert.That(seen.Values, Is.All.EqualTo(1));
        Assert.That(partZeroThread, Is.EqualTo(caller));
    }

    [Test]
    public void Run_PartThrows_RethrownAfterTheOthersFinished()
    {
        int finished = 0;
        var e = Assert.Throws<InvalidOperationException>(() => ParallelWork.Run(3, part =>
        {
            if (part == 2)
            {
                throw new InvalidOperationException("part 2");
            }

            Interlocked.Increment(ref finished);
        }));
        Assert.That(e!.Message, Is.EqualTo("part 2"));
        Assert.That(finished, Is.EqualTo(2));
    }

    [Test]
    public void Run_HelpersBusyWithAnotherJob_CallerDoesTheWork()
    {
        // One job holds every helper until the second job, run meanwhile, is done: the second cannot wait for them.
        using var release = new ManualResetEventSlim();
        int held = 0;
        var holder = new Thread(() => ParallelWork.Run(1 + ParallelWork.MaxHelpers, part =>
        {
            if (part != 0)
            {
                Interlocked.Increment(ref held);
                release.Wait();
            }
        }));
        holder.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref held) == ParallelWork.MaxHelpers, TimeSpan.FromSeconds(10));

        int done = 0;
        ParallelWork.Run(3, _ => Interlocked.Increment(ref done));
        Assert.That(done, Is.EqualTo(3));
        release.Set();
        holder.Join();
    }

    [Test]
    public void Run_Nested_Completes()
    {
        int inner = 0;
        ParallelWork.Run(3, _ => ParallelWork.Run(3, _ => Interlocked.Increment(ref inner)));
        Assert.That(inner, Is.EqualTo(9));
    }
}
