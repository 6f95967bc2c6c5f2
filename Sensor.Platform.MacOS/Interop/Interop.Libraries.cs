namespace Sensor.Platform.MacOS;

/// <summary>Native imports, one function a file: <c>Interop/&lt;Library&gt;/Interop.&lt;Function&gt;.cs</c>.</summary>
internal static partial class Interop
{
    internal static partial class Libproc
    {
        // proc_listpids, proc_pidinfo and proc_pidfdinfo are exported by libSystem (libproc.h).
        internal const string Name = "libSystem.dylib";
    }
}
