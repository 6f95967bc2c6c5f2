using Sensor.Events;

namespace Sensor.Agent;

/// <summary>
/// The running agent's outbound-queue counters for <c>get_debug_data</c>: <see cref="Write"/> adds the
/// <c>LOSS_ACCOUNTING</c> map (reply-events.md) to the reply being built. Outside the agent (<c>sensor exec</c>)
/// there is no queue and the map is not written.
/// </summary>
public static class LossAccounting
{
    private static OutboundQueue? s_queue;

    /// <summary>Set by the agent when it starts; null when it stops.</summary>
    public static void Register(OutboundQueue? queue) => s_queue = queue;

    public static LossCounters? Current => s_queue?.Counters;

    /// <summary>
    /// Adds <c>LOSS_ACCOUNTING</c>: the running agent's queue counters, or outside the agent (<c>sensor exec</c>, which
    /// has no queue) zero losses and the default bounds. Returns whether an agent queue was the source.
    /// </summary>
    public static bool Write(EventBuilder reply)
    {
        LossCounters loss = Current ?? new LossCounters(0, 0, 0, 0, 0, 0, 0, 0, OutboundQueue.DefaultMaxEvents, OutboundQueue.DefaultMaxBytes);
        reply.BeginMap(FieldNames.LossAccounting);
        reply.Field(FieldNames.LossEvictedEvents, loss.EvictedEvents);
        reply.Field(FieldNames.LossEvictedBytes, loss.EvictedBytes);
        reply.Field(FieldNames.LossRefusedEvents, loss.RefusedEvents);
        reply.Field(FieldNames.LossRefusedBytes, loss.RefusedBytes);
        reply.Field(FieldNames.LossQueuedEvents, loss.QueuedEvents);
        reply.Field(FieldNames.LossQueuedBytes, loss.QueuedBytes);
        reply.Field(FieldNames.LossMaxEvents, loss.MaxEvents);
        reply.Field(FieldNames.LossMaxBytes, loss.MaxBytes);
        reply.EndMap();
        return Current is not null;
    }
}
