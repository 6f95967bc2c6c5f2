using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        [LibraryImport(Name, EntryPoint = "proc_regionfilename", SetLastError = true)]
        internal static unsafe partial int ProcRegionFilename(int pid, ulong address, byte* buffer, uint bufferSize);
    }
}
