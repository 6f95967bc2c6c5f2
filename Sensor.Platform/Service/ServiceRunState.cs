namespace Sensor.Platform;

/// <summary>The service as the OS's service manager reports it.</summary>
public enum ServiceRunState
{
    /// <summary>The service manager could not be asked (not running, not permitted).</summary>
    Unknown = 0,
    NotInstalled = 1,
    Stopped = 2,
    Starting = 3,
    Running = 4,
    Stopping = 5,
    Failed = 6,
}
