namespace Sensor.Platform.MacOS;

/// <summary>
/// Native imports, one function a file: <c>Interop/&lt;Library&gt;/Interop.&lt;Function&gt;.cs</c>. Each library's
/// name is declared once, in its own folder (proc_listpids, proc_pidinfo and proc_pidfdinfo are libSystem exports).
/// </summary>
internal static partial class Interop
{
}
