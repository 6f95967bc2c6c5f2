namespace Sensor.Channel;

/// <summary>
/// From the server: every event of the current stream up to <see cref="EventSequence"/> is stored. From the sensor:
/// the task <see cref="TaskId"/> was received (and will not be run again).
/// </summary>
public sealed class AckMessage
{
    public ulong EventSequence { get; set; }
    public byte[]? TaskId { get; set; }
}
