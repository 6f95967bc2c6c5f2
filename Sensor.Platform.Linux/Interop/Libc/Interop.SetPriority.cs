using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // On Linux PRIO_PROCESS with a thread id sets that one thread's nice value (NPTL threads are tasks).
        internal const int PRIO_PROCESS = 0;

        [LibraryImport(Name, EntryPoint = "setpriority", SetLastError = true)]
        internal static partial int SetPriority(int which, uint who, int priority);
    }
}
