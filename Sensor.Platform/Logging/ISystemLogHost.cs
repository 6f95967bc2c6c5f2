namespace Sensor.Platform.Logging;

/// <summary>
/// The OS's log for services: the journal on Linux (when systemd connected stderr to it), the event log on Windows.
/// The sensor's logger writes there when <see cref="SystemLogAvailable"/>, and plain lines to stderr otherwise.
/// </summary>
public interface ISystemLogHost
{
    /// <summary>Whether this process has a system log to write to (decided once, at first use).</summary>
    static abstract bool SystemLogAvailable { get; }

    /// <summary>Writes one message; never throws (a log that cannot be written must not stop the sensor).</summary>
    static abstract void WriteSystemLog(LogSeverity severity, string message);
}
