namespace Sensor.Events;

/// <summary>A point in the event being written that <see cref="EventBuilder.Rollback"/> can return to.</summary>
public readonly record struct EventMark(int Position, int Depth, uint Count);
