namespace Sensor.Channel;

/// <summary>The server's answer to <see cref="HelloMessage"/>. On enrollment it carries the new sid and credential.</summary>
public sealed class WelcomeMessage
{
    public int ProtocolVersion { get; set; } = ChannelProtocol.Version;
    public WelcomeStatus Status { get; set; }
    public string? Message { get; set; }
    public string? Sid { get; set; }
    public byte[]? Credential { get; set; }

    /// <summary>The server's clock (Unix ms) when it sent the welcome; the sensor derives TIMEDELTA from it.</summary>
    public long? ServerTimeMs { get; set; }
}
