using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        [LibraryImport(Name, EntryPoint = "proc_pidinfo", SetLastError = true)]
        internal static unsafe partial int ProcPidInfo(int pid, int flavor, ulong arg, byte* buffer, int bufferSize);
    }
}
