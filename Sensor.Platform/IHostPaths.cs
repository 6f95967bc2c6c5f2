namespace Sensor.Platform;

/// <summary>Where the sensor keeps its configuration and state on this OS by default.</summary>
public interface IHostPaths
{
    /// <summary>The state directory (identity, rules, seen task ids): <c>/var/lib/sensor</c> on Linux.</summary>
    static abstract string DefaultStateDirectory { get; }

    /// <summary>The configuration file: <c>/etc/sensor/sensor.json</c> on Linux.</summary>
    static abstract string DefaultConfigPath { get; }

    /// <summary>How paths compare on this OS's usual file systems.</summary>
    static abstract StringComparison PathComparison { get; }
}
