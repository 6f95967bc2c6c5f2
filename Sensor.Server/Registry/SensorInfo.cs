namespace Sensor.Server.Registry;

/// <summary>One sensor as the registry reports it (the API's JSON shape; times are Unix milliseconds).</summary>
public sealed record SensorInfo
{
    public required string Sid { get; init; }
    public string Hostname { get; init; } = "";
    public string Platform { get; init; } = "";
    public string Version { get; init; } = "";
    public long FirstSeenMs { get; init; }
    public long LastSeenMs { get; init; }
    public bool Connected { get; init; }
    public bool Revoked { get; init; }
    public string RemoteAddress { get; init; } = "";
}
