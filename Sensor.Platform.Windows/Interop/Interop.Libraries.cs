namespace Sensor.Platform.Windows;

/// <summary>Native imports, one function a file: <c>Interop/&lt;Library&gt;/Interop.&lt;Function&gt;.cs</c>.</summary>
internal static partial class Interop
{
    internal static partial class IpHlpApi
    {
        internal const string Name = "iphlpapi.dll";
    }

    internal static partial class Advapi32
    {
        internal const string Name = "advapi32.dll";
    }

    internal static partial class Psapi
    {
        internal const string Name = "psapi.dll";
    }
}
