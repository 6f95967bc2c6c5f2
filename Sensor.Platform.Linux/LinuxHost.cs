namespace Sensor.Platform.Linux;

/// <summary>The Linux implementation of the platform contract. Split by aspect: <c>LinuxHost.*.cs</c>.</summary>
public sealed partial class LinuxHost : IHostIdentity
{
    public static OsFamily Family => OsFamily.Linux;

    public static int PlatformCode => 0x20000000;
}
