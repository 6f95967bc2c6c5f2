using Sensor.Agent;

namespace Sensor.Tests.Agent;

public sealed class OutboundQueueTests
{
    private static void AssertBalanced(LossCounters c) =>
        Assert.That(c.Produced, Is.EqualTo(c.Sent + c.QueuedEvents + c.EvictedEvents + c.RefusedEvents), c.ToString());

    [Test]
    public void Enqueue_PastTheEventBound_EvictsOldestAndCountsExactly()
    {
        var queue = new OutboundQueue(maxEvents: 100, maxBytes: 1 << 20);
        for (int i = 0; i < 1234; i++)
        {
            queue.Enqueue(new byte[10]);
        }

        LossCounters c = queue.Counters;
        Assert.That((c.Produced, c.QueuedEvents, c.QueuedBytes, c.EvictedEvents, c.EvictedBytes), Is.EqualTo((1234L, 100L, 1000L, 1134L, 11340L)));
        Assert.That(queue.TryGetAfter(0, out OutboundEvent first), Is.True);
        Assert.That(first.Sequence, Is.EqualTo(1135UL), "the oldest went first");
        AssertBalanced(c);
    }

    [Test]
    public void Enqueue_PastTheByteBound_EvictsUntilItFits()
    {
        var queue = new OutboundQueue(maxEvents: 1000, maxBytes: 100);
        queue.Enqueue(new byte[40]);
        queue.Enqueue(new byte[40]);
        queue.Enqueue(new byte[50]);

        LossCounters c = queue.Counters;
        Assert.That((c.QueuedEvents, c.QueuedBytes, c.EvictedEvents, c.EvictedBytes), Is.EqualTo((2L, 90L, 1L, 40L)));
        AssertBalanced(c);
    }

    [Test]
    public void Enqueue_EventLargerThanTheBound_RefusedAndCounted()
    {
        var queue = new OutboundQueue(maxEvents: 10, maxBytes: 100);
        queue.Enqueue(new byte[10]);
        Assert.That(queue.Enqueue(new byte[101]), Is.False);

        LossCounters c = queue.Counters;
        Assert.That((c.QueuedEvents, c.RefusedEvents, c.RefusedBytes, c.EvictedEvents), Is.EqualTo((1L, 1L, 101L, 0L)));
        AssertBalanced(c);
    }

    [Test]
    public void Enqueue_EventLargerThanAFrame_RefusedAndCountedEvenUnderTheByteBound()
    {
        // An event no frame can carry would fail every connection from the head of the queue: it is refused instead.
        var queue = new OutboundQueue(maxEvents: 10, maxBytes: 1 << 20, maxEventBytes: 1000);
        Assert.That(queue.Enqueue(new byte[1000]), Is.True);
        Assert.That(queue.Enqueue(new byte[1001]), Is.False);

        LossCounters c = queue.Counters;
        Assert.That((c.QueuedEvents, c.RefusedEvents, c.RefusedBytes), Is.EqualTo((1L, 1L, 1001L)));
        Assert.That(new OutboundQueue(10, 1 << 30).MaxEventBytes,
            Is.EqualTo(Sensor.Channel.FrameLimits.DefaultMaxBytes - Sensor.Channel.ChannelProtocol.EventEnvelopeBytes));
        AssertBalanced(c);
    }

    [Test]
    public void Acknowledge_Prefix_RemovesOnlyAcknowledgedAndResendStartsAtHead()
    {
        var queue = new OutboundQueue(maxEvents: 10, maxBytes: 1000);
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue([(byte)i]);
        }

        queue.Acknowledge(3);
        Assert.That(queue.TryGetAfter(0, out OutboundEvent head), Is.True);
        Assert.That((head.Sequence, head.Data[0]), Is.EqualTo((4UL, (byte)3)));
        Assert.That(queue.TryGetAfter(4, out OutboundEvent next), Is.True);
        Assert.That(next.Sequence, Is.EqualTo(5UL));
        Assert.That(queue.TryGetAfter(5, out _), Is.False);
        LossCounters c = queue.Counters;
        Assert.That((c.Sent, c.QueuedEvents), Is.EqualTo((3L, 2L)));
        AssertBalanced(c);
    }

    [Test]
    public void TakeUnreportedLoss_AfterEviction_ReportsOnceThenResets()
    {
        var queue = new OutboundQueue(maxEvents: 2, maxBytes: 1000);
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue(new byte[3]);
        }

        Assert.That(queue.TakeUnreportedLoss(), Is.EqualTo((3L, 9L)));
        Assert.That(queue.TakeUnreportedLoss(), Is.EqualTo((0L, 0L)));
        Assert.That(queue.Counters.EvictedEvents, Is.EqualTo(3));
    }

    [Test]
    public async Task Enqueue_FromManyThreads_CountersStayBalanced()
    {
        var queue = new OutboundQueue(maxEvents: 500, maxBytes: 1 << 20);
        var producers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                queue.Enqueue(new byte[8]);
            }
        })).ToArray();
        ulong acked = 0;
        while (!producers.All(p => p.IsCompleted))
        {
            if (queue.TryGetAfter(acked, out OutboundEvent e))
            {
                queue.Acknowledge(e.Sequence);
                acked = e.Sequence;
            }
        }

        await Task.WhenAll(producers);
        LossCounters c = queue.Counters;
        Assert.That(c.Produced, Is.EqualTo(40_000));
        AssertBalanced(c);
    }

    [Test]
    public void LossAccounting_Write_ReportsTheQueueCounters()
    {
        var queue = new OutboundQueue(maxEvents: 2, maxBytes: 1000);
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue(new byte[3]);
        }

        var (sink, context) = Support.RecordingSink.Create();
        LossAccounting.Register(queue);
        try
        {
            context.Reply.Begin("DEBUG_DATA_REP");
            Assert.That(LossAccounting.Write(context.Reply), Is.True);
            context.Reply.End(0);
        }
        finally
        {
            // The registration is process-wide: leave none behind for get_debug_data's own tests.
            LossAccounting.Register(null);
        }

        System.Text.Json.JsonElement loss = sink.Single().GetProperty("LOSS_ACCOUNTING");
        Assert.That(loss.GetProperty("LOSS_EVICTED_EVENTS").GetInt64(), Is.EqualTo(3));
        Assert.That(loss.GetProperty("LOSS_EVICTED_BYTES").GetInt64(), Is.EqualTo(9));
        Assert.That(loss.GetProperty("LOSS_QUEUED_EVENTS").GetInt64(), Is.EqualTo(2));
        Assert.That(loss.GetProperty("LOSS_MAX_EVENTS").GetInt64(), Is.EqualTo(2));
        Assert.That(loss.GetProperty("LOSS_MAX_BYTES").GetInt64(), Is.EqualTo(1000));
    }
}
