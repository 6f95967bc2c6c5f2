namespace Sensor.Runtime;

/// <summary>
/// The outbound queue's loss accounting (reply-events.md: queue of 10,000 events / 50 MB), fed by the channel and
/// read by get_debug_data. All zeros until the channel records something. Thread-safe, lock-free.
/// </summary>
public static class LossCounters
{
    public const long DefaultMaxEvents = 10_000;
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    private static long s_evictedEvents;
    private static long s_evictedBytes;
    private static long s_refusedEvents;
    private static long s_refusedBytes;
    private static long s_queuedEvents;
    private static long s_queuedBytes;
    private static long s_maxEvents = DefaultMaxEvents;
    private static long s_maxBytes = DefaultMaxBytes;
    private static long s_timeDeltaMs;

    /// <summary>Events dropped from a full queue to make room (oldest first).</summary>
    public static long EvictedEvents => Volatile.Read(ref s_evictedEvents);

    public static long EvictedBytes => Volatile.Read(ref s_evictedBytes);

    /// <summary>Events refused at the door (one larger than the whole queue, or a queue that may not evict).</summary>
    public static long RefusedEvents => Volatile.Read(ref s_refusedEvents);

    public static long RefusedBytes => Volatile.Read(ref s_refusedBytes);

    /// <summary>Events waiting to be sent now.</summary>
    public static long QueuedEvents => Volatile.Read(ref s_queuedEvents);

    public static long QueuedBytes => Volatile.Read(ref s_queuedBytes);

    public static long MaxEvents => Volatile.Read(ref s_maxEvents);

    public static long MaxBytes => Volatile.Read(ref s_maxBytes);

    /// <summary>Server clock minus sensor clock in ms, as the channel last measured it; 0 until it has.</summary>
    public static long TimeDeltaMs => Volatile.Read(ref s_timeDeltaMs);

    public static void RecordEvicted(long bytes)
    {
        Interlocked.Increment(ref s_evictedEvents);
        Interlocked.Add(ref s_evictedBytes, bytes);
    }

    public static void RecordRefused(long bytes)
    {
        Interlocked.Increment(ref s_refusedEvents);
        Interlocked.Add(ref s_refusedBytes, bytes);
    }

    public static void SetQueued(long events, long bytes)
    {
        Volatile.Write(ref s_queuedEvents, events);
        Volatile.Write(ref s_queuedBytes, bytes);
    }

    public static void SetLimits(long maxEvents, long maxBytes)
    {
        Volatile.Write(ref s_maxEvents, maxEvents);
        Volatile.Write(ref s_maxBytes, maxBytes);
    }

    public static void SetTimeDelta(long milliseconds) => Volatile.Write(ref s_timeDeltaMs, milliseconds);

    /// <summary>Back to the start-up state (tests).</summary>
    public static void Reset()
    {
        s_evictedEvents = s_evictedBytes = s_refusedEvents = s_refusedBytes = s_queuedEvents = s_queuedBytes = s_timeDeltaMs = 0;
        SetLimits(DefaultMaxEvents, DefaultMaxBytes);
    }
}
