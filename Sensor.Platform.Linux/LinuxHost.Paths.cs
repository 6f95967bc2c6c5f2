namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : IHostPaths
{
    public static string DefaultStateDirectory => "/var/lib/sensor";

    public static string DefaultConfigPath => "/etc/sensor/sensor.json";

    public static string DefaultBinaryPath => "/usr/sbin/sensor";

    public static StringComparison PathComparison => StringComparison.Ordinal;
}
