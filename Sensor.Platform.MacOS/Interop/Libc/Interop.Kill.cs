using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // macOS signal numbers (they differ from Linux for STOP and CONT).
        internal const int SIGKILL = 9, SIGSTOP = 17, SIGCONT = 19;

        [LibraryImport(Name, EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}
