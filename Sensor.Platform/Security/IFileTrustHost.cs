namespace Sensor.Platform.Security;

/// <summary>
/// Who can change a file or directory, as the sensor's start-up check of its own binary, configuration and state
/// needs to know (docs/configuration.md, "Permissions"). The rule built on it is the same on every OS; only the
/// reading of owner and permissions is the OS's: mode bits on Linux and macOS, the owner and DACL on Windows.
/// </summary>
public interface IFileTrustHost
{
    /// <summary>
    /// Reads the owner and write permissions of <paramref name="path"/> itself (a final symbolic link is not
    /// followed). Returns a reply error code (<see cref="ErrorCodes.FileNotFound"/> when it does not exist).
    /// </summary>
    static abstract int InspectWriters(string path, out FileWriters writers);
}
