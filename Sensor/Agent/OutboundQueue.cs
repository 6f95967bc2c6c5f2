namespace Sensor.Agent;

/// <summary>
/// Events waiting for the server's acknowledgement, bounded by count and bytes. Sequence numbers are given at enqueue
/// and the queue only loses entries at its head (acknowledged, or evicted when full), so the entries always hold a
/// contiguous run of sequence numbers and a resend after a reconnect starts at the head. Past a bound the oldest
/// event is evicted and counted; an event larger than the whole byte bound is refused and counted.
/// </summary>
public sealed class OutboundQueue
{
    private readonly object _gate = new();
    private readonly OutboundEvent[] _ring;
    private readonly long _maxBytes;
    private int _head;
    private int _count;
    private ulong _headSequence = 1;
    private ulong _nextSequence = 1;
    private long _bytes;
    private long _produced;
    private long _sent;
    private long _evicted;
    private long _evictedBytes;
    private long _refused;
    private long _refusedBytes;
    private long _unreportedEvicted;
    private long _unreportedEvictedBytes;
    private TaskCompletionSource _available = NewSignal();

    /// <summary>The queue bounds of reply-events.md (10,000 events / 50 MB), the configuration's defaults.</summary>
    public const int DefaultMaxEvents = 10_000;
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    /// <summary>The largest event one frame carries with the default limits.</summary>
    public const int DefaultMaxEventBytes = Channel.FrameLimits.DefaultMaxBytes - Channel.ChannelProtocol.EventEnvelopeBytes;

    public OutboundQueue(int maxEvents, long maxBytes, int maxEventBytes = DefaultMaxEventBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        _ring = new OutboundEvent[maxEvents];
        _maxBytes = maxBytes;
        MaxEventBytes = maxEventBytes;
    }

    /// <summary>
    /// The largest event accepted: what one frame can carry. A larger one could never be sent, and left at the head
    /// of the queue it would fail every connection after it; it is refused and counted instead, and task replies are
    /// capped to it before they are written (<see cref="TaskRunner"/>).
    /// </summary>
    public int MaxEventBytes { get; }

    /// <summary>Copies an event in; false when it alone is larger than the byte bound or a frame (counted as refused).</summary>
    public bool Enqueue(ReadOnlySpan<byte> data)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _produced++;
            if (data.Length > _maxBytes || data.Length > MaxEventBytes)
            {
                _refused++;
                _refusedBytes += data.Length;
                return false;
            }

            while (_count == _ring.Length || _bytes + data.Length > _maxBytes)
            {
                OutboundEvent oldest = RemoveHead();
                _evicted++;
                _evictedBytes += oldest.Data.Length;
                _unreportedEvicted++;
                _unreportedEvictedBytes += oldest.Data.Length;
            }

            _ring[(_head + _count) % _ring.Length] = new OutboundEvent(_nextSequence++, data.ToArray());
            _count++;
            _bytes += data.Length;
            signal = _available;
            _available = NewSignal();
        }

        signal.TrySetResult();
        return true;
    }

    /// <summary>The first queued event with a sequence number above <paramref name="after"/>, if any.</summary>
    public bool TryGetAfter(ulong after, out OutboundEvent entry)
    {
        lock (_gate)
        {
            ulong wanted = Math.Max(after + 1, _headSequence);
            ulong offset = wanted - _headSequence;
            if (offset >= (ulong)_count)
            {
                entry = default;
                return false;
            }

            entry = _ring[(_head + (int)offset) % _ring.Length];
            return true;
        }
    }

    /// <summary>A task that completes when an event is enqueued after this call.</summary>
    public Task WaitForEventAsync()
    {
        lock (_gate)
        {
            return _available.Task;
        }
    }

    /// <summary>The server stored everything up to <paramref name="sequence"/>: drop it from the queue.</summary>
    public void Acknowledge(ulong sequence)
    {
        lock (_gate)
        {
            while (_count > 0 && _headSequence <= sequence)
            {
                RemoveHead();
                _sent++;
            }
        }
    }

    /// <summary>Evictions not yet reported by a DATA_DROPPED event; resets them.</summary>
    public (long Events, long Bytes) TakeUnreportedLoss()
    {
        lock (_gate)
        {
            var loss = (_unreportedEvicted, _unreportedEvictedBytes);
            _unreportedEvicted = 0;
            _unreportedEvictedBytes = 0;
            return loss;
        }
    }

    public LossCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new LossCounters(_produced, _sent, _count, _bytes, _evicted, _evictedBytes, _refused, _refusedBytes,
                    _ring.Length, _maxBytes);
            }
        }
    }

    private OutboundEvent RemoveHead()
    {
        OutboundEvent oldest = _ring[_head];
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
        _headSequence++;
        _bytes -= oldest.Data.Length;
        return oldest;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
