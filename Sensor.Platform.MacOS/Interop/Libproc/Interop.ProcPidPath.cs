using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        [LibraryImport(Name, EntryPoint = "proc_pidpath", SetLastError = true)]
        internal static unsafe partial int ProcPidPath(int pid, byte* buffer, uint bufferSize);
    }
}
