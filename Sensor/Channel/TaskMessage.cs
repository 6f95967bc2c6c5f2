namespace Sensor.Channel;

/// <summary>A command for the sensor to run. <see cref="InvestigationId"/> is kept as raw bytes and echoed unchanged.</summary>
public sealed class TaskMessage
{
    public byte[] TaskId { get; set; } = [];
    public byte[] InvestigationId { get; set; } = [];
    public string Command { get; set; } = "";
    public string[] Arguments { get; set; } = [];

    /// <summary>Unix milliseconds after which the task must not start.</summary>
    public long ExpiryMs { get; set; }
}
