namespace Sensor.Platform.MacOS;

public sealed partial class MacHost : IHostPaths
{
    public static string DefaultStateDirectory => "/Library/Application Support/Sensor";

    public static string DefaultConfigPath => "/Library/Application Support/Sensor/sensor.json";

    public static string DefaultBinaryPath => "/Library/Application Support/Sensor/sensor";

    public static StringComparison PathComparison => StringComparison.OrdinalIgnoreCase;
}
