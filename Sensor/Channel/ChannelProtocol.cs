namespace Sensor.Channel;

/// <summary>Protocol constants (docs/protocol.md).</summary>
public static class ChannelProtocol
{
    /// <summary>The protocol version; a server refuses versions it does not speak with <see cref="WelcomeStatus.UnsupportedVersion"/>.</summary>
    public const int Version = 1;

    /// <summary>
    /// Room for what an event message puts around its data (map header, <c>kind</c>, <c>seq</c>, the <c>data</c> key
    /// and its bin32 header: 25 bytes at most), rounded up: an event's data may be the frame cap less this.
    /// </summary>
    public const int EventEnvelopeBytes = 64;

    /// <summary>
    /// The room a reply leaves under the frame cap, taken off the caps of the commands that can fill a reply on their
    /// own (mem_read, mem_strings) so that a full reply still fits one frame: the routing map, the fields around the
    /// content, the message envelope.
    /// </summary>
    public const int ReplyHeadroomBytes = 64 * 1024;

    public const int MaxTaskIdBytes = 64;
    public const int MaxInvestigationIdBytes = 1024;
    public const int MaxCommandNameBytes = 64;
    public const int MaxArguments = 256;
    public const int MaxArgumentBytes = 64 * 1024;
    public const int MaxTextBytes = 4096;
    public const int MaxCredentialBytes = 64;
}
