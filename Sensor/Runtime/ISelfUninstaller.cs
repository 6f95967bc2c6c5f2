namespace Sensor.Runtime;

/// <summary>Starts the removal of the sensor from this host (the <c>uninstall</c> command); tests record the call.</summary>
public interface ISelfUninstaller
{
    /// <summary>Starts the uninstall and returns at once; the reply error code and, on failure, why.</summary>
    int StartUninstall(out string message);
}
