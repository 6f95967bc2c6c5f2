namespace Sensor.Channel;

/// <summary>
/// The sensor's first message. Either <see cref="Sid"/> + <see cref="Credential"/> (an enrolled sensor) or
/// <see cref="InstallationKey"/> (first contact) identifies it.
/// </summary>
public sealed class HelloMessage
{
    public int ProtocolVersion { get; set; } = ChannelProtocol.Version;
    public string? Sid { get; set; }
    public byte[]? Credential { get; set; }
    public string? InstallationKey { get; set; }
    public string Hostname { get; set; } = "";
    public int Plat { get; set; }
    public int Arch { get; set; }
    public string AgentVersion { get; set; } = "";

    /// <summary>Random per agent start: event sequence numbers count from 1 within a stream.</summary>
    public ulong StreamId { get; set; }
}
