using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        /// <summary>PROC_PIDLISTFDS (1): struct proc_fdinfo { int32 fd; uint32 type } per descriptor.</summary>
        [LibraryImport(Name, EntryPoint = "proc_pidinfo", SetLastError = true)]
        internal static unsafe partial int ProcPidInfo(int pid, int flavor, ulong arg, byte* buffer, int bufferSize);
    }
}
