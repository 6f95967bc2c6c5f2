namespace Sensor.Agent;

/// <summary>One queued event: its sequence number in this agent's stream and its MessagePack bytes.</summary>
public readonly record struct OutboundEvent(ulong Sequence, byte[] Data);
