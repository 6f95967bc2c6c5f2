namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : IHostPaths
{
    public static string DefaultStateDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Sensor", "state");

    public static string DefaultConfigPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Sensor", "sensor.json");

    public static string DefaultBinaryPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "Sensor", "sensor.exe");

    public static StringComparison PathComparison => StringComparison.OrdinalIgnoreCase;
}
