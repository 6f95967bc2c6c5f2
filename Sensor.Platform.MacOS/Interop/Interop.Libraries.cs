namespace Sensor.Platform.MacOS;

/// <summary>Native imports, one function a file: <c>Interop/&lt;Library&gt;/Interop.&lt;Function&gt;.cs</c>.</summary>
internal static partial class Interop
{
    internal static partial class Libproc
    {
        internal const string Name = "libproc";
    }

    internal static partial class Libc
    {
        internal const string Name = "libc";
    }
}
