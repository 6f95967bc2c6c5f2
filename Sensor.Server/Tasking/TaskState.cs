namespace Sensor.Server.Tasking;

/// <summary>Where a task is: waiting for its sensor, received by it (acknowledged), or expired before delivery.</summary>
public enum TaskState
{
    Queued,
    Delivered,
    Expired,
}
