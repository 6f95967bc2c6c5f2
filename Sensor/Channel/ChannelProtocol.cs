namespace Sensor.Channel;

/// <summary>Protocol constants (docs/protocol.md).</summary>
public static class ChannelProtocol
{
    /// <summary>The protocol version; a server refuses versions it does not speak with <see cref="WelcomeStatus.UnsupportedVersion"/>.</summary>
    public const int Version = 1;

    public const int MaxTaskIdBytes = 64;
    public const int MaxInvestigationIdBytes = 1024;
    public const int MaxCommandNameBytes = 64;
    public const int MaxArguments = 256;
    public const int MaxArgumentBytes = 64 * 1024;
    public const int MaxTextBytes = 4096;
    public const int MaxCredentialBytes = 64;
}
