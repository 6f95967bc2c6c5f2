using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <sys/resource.h>: PRIO_DARWIN_THREAD with who 0 is the calling thread; PRIO_DARWIN_BG puts it in the
        // background band (lower CPU and throttled I/O), 0 takes it out again.
        internal const int PRIO_DARWIN_THREAD = 3;
        internal const int PRIO_DARWIN_BG = 0x1000;

        [LibraryImport(Name, EntryPoint = "setpriority", SetLastError = true)]
        internal static partial int SetPriority(int which, uint who, int priority);
    }
}
