namespace Sensor.Server;

/// <summary>An enrolled sensor as the server keeps it: the credential only as its SHA-256.</summary>
public sealed record SensorRecord(string Sid, byte[] CredentialHash, string Hostname, long EnrolledMs, string InstallationKeyId);
