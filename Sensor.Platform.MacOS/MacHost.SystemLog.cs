using Sensor.Platform.Logging;

namespace Sensor.Platform.MacOS;

/// <summary>
/// No system log of its own on macOS: launchd sends the daemon's stderr to the file its plist names
/// (StandardErrorPath), and the sensor's logger writes stderr when this says there is no system log.
/// </summary>
public sealed partial class MacHost : ISystemLogHost
{
    public static bool SystemLogAvailable => false;

    public static void WriteSystemLog(LogSeverity severity, string message)
    {
    }
}
