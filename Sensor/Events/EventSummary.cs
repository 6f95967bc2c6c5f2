namespace Sensor.Events;

/// <summary>What a sink needs to know of an event without decoding it.</summary>
public readonly record struct EventSummary(string EventType, int Error);
