namespace Sensor.Platform.Inventory;

/// <summary>The OS's name and version, for os_version.</summary>
public interface IOsVersionHost
{
    /// <summary>Never fails: what cannot be read is left empty.</summary>
    static abstract OsVersionInfo GetOsVersion();
}
