namespace Sensor.Platform.Windows;

/// <summary>The Windows implementation of the platform contract. Split by aspect: <c>WindowsHost.*.cs</c>.</summary>
public sealed partial class WindowsHost : IHostIdentity
{
    public static OsFamily Family => OsFamily.Windows;

    public static int PlatformCode => 0x10000000;
}
