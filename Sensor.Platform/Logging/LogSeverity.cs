namespace Sensor.Platform.Logging;

/// <summary>How bad a log message is; the values are syslog's priorities (journald's <c>&lt;N&gt;</c> prefix).</summary>
public enum LogSeverity
{
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
}
