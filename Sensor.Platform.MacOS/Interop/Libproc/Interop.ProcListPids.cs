using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        /// <summary>PROC_ALL_PIDS (1): fills pids, returns the bytes written.</summary>
        [LibraryImport(Name, EntryPoint = "proc_listpids", SetLastError = true)]
        internal static unsafe partial int ProcListPids(uint type, uint typeInfo, int* buffer, int bufferSize);
    }
}
