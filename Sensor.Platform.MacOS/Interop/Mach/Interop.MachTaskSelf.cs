using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Mach
    {
        [LibraryImport(Name, EntryPoint = "mach_task_self")]
        internal static partial uint MachTaskSelf();
    }
}
