namespace Sensor.Platform.MacOS;

/// <summary>Native imports, one function a file: <c>Interop/Libc/Interop.&lt;Function&gt;.cs</c>.</summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const string Name = "libSystem.dylib";
    }
}
