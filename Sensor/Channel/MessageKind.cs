namespace Sensor.Channel;

/// <summary>The message kinds of protocol version 1 (docs/protocol.md). Wire values are frozen; append only.</summary>
public enum MessageKind
{
    Hello = 1,
    Welcome = 2,
    Task = 3,
    Event = 4,
    Ack = 5,
    Ping = 6,
}
