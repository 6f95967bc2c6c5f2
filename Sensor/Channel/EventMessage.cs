namespace Sensor.Channel;

/// <summary>One event: its sequence number in the sensor's stream and the event's MessagePack bytes as published.</summary>
public readonly record struct EventMessage(ulong Sequence, ReadOnlyMemory<byte> Data);
