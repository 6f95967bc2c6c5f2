using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        /// <summary>PROC_PIDFDSOCKETINFO (3): struct socket_fdinfo.</summary>
        [LibraryImport(Name, EntryPoint = "proc_pidfdinfo", SetLastError = true)]
        internal static unsafe partial int ProcPidFdInfo(int pid, int fd, int flavor, byte* buffer, int bufferSize);
    }
}
