namespace Sensor.Agent;

/// <summary>
/// A snapshot of the outbound queue's accounting. Invariant: <c>Produced = Sent + Queued + Evicted + Refused</c>,
/// where Sent counts events the server acknowledged.
/// </summary>
public readonly record struct LossCounters(
    long Produced, long Sent, long QueuedEvents, long QueuedBytes, long EvictedEvents, long EvictedBytes,
    long RefusedEvents, long RefusedBytes, int MaxEvents, long MaxBytes);
