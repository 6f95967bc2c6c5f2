namespace Sensor.Agent;

/// <summary>What enrollment gave the sensor: its sensor id and the credential it proves it with.</summary>
public sealed record AgentIdentity(string Sid, byte[] Credential);
