namespace Sensor.Platform;

/// <summary>Where the sensor keeps its configuration and state on this OS by default.</summary>
public interface IHostPaths
{
    /// <summary>The state directory (identity, rules, seen task ids): <c>/var/lib/sensor</c> on Linux.</summary>
    static abstract string DefaultStateDirectory { get; }

    /// <summary>The configuration file: <c>/etc/sensor/sensor.json</c> on Linux.</summary>
    static abstract string DefaultConfigPath { get; }

    /// <summary>
    /// Where <c>sensor install</c> puts the executable the service starts: <c>/usr/sbin/sensor</c> on Linux (the
    /// package's path too, so a package upgrade replaces a hand-installed binary rather than running beside it).
    /// </summary>
    static abstract string DefaultBinaryPath { get; }

    /// <summary>How paths compare on this OS's usual file systems.</summary>
    static abstract StringComparison PathComparison { get; }
}
