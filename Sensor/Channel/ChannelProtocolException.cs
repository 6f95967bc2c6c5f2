namespace Sensor.Channel;

/// <summary>The peer broke the protocol; the connection is closed and the reason logged.</summary>
public sealed class ChannelProtocolException(ProtocolError error, string message) : Exception(message)
{
    public ProtocolError Error { get; } = error;
}
