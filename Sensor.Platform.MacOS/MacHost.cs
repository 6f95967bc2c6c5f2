namespace Sensor.Platform.MacOS;

/// <summary>The MacOS implementation of the platform contract. Split by aspect: <c>MacHost.*.cs</c>.</summary>
public sealed partial class MacHost : IHostIdentity
{
    public static OsFamily Family => OsFamily.MacOS;

    public static int PlatformCode => 0x30000000;
}
