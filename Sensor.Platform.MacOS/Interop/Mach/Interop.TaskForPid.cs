using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Mach
    {
        [LibraryImport(Name, EntryPoint = "task_for_pid")]
        internal static partial int TaskForPid(uint targetTask, int pid, out uint task);
    }
}
