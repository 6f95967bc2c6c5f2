namespace Sensor.Agent;

/// <summary>The server refused the sensor's identity (revoked, unknown, bad installation key).</summary>
public sealed class CredentialRefusedException(string message) : Exception(message);
