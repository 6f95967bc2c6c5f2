namespace Sensor.Events;

/// <summary>An event would grow past the cap on one event's size; the handler reports the truncation.</summary>
public sealed class EventTooLargeException(long needed, long cap)
    : Exception($"event would need {needed} bytes, over the cap of {cap} bytes")
{
    public long Needed { get; } = needed;
    public long Cap { get; } = cap;
}
