using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        // Background mode lowers the thread's CPU, I/O and memory priority; it applies to the calling thread only.
        internal const int ThreadModeBackgroundBegin = 0x00010000;
        internal const int ThreadModeBackgroundEnd = 0x00020000;

        [LibraryImport(Name, EntryPoint = "SetThreadPriority", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool SetThreadPriority(nint thread, int priority);
    }
}
