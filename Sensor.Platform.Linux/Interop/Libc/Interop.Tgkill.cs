using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // glibc 2.30+; sends to one thread of the group, and fails with ESRCH when the tid is not in that group.
        [LibraryImport(Name, EntryPoint = "tgkill", SetLastError = true)]
        internal static partial int Tgkill(int tgid, int tid, int signal);
    }
}
