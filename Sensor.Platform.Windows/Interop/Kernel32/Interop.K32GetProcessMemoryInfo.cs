using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>PROCESS_MEMORY_COUNTERS (x64 layout: cb, PageFaultCount, then SIZE_T fields).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ProcessMemoryCounters
        {
            public uint Cb;
            public uint PageFaultCount;
            public nuint PeakWorkingSetSize;
            public nuint WorkingSetSize;
            public nuint QuotaPeakPagedPoolUsage;
            public nuint QuotaPagedPoolUsage;
            public nuint QuotaPeakNonPagedPoolUsage;
            public nuint QuotaNonPagedPoolUsage;
            public nuint PagefileUsage;
            public nuint PeakPagefileUsage;
        }

        [LibraryImport(Name, EntryPoint = "K32GetProcessMemoryInfo", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool K32GetProcessMemoryInfo(nint process, ProcessMemoryCounters* counters, uint size);
    }
}
