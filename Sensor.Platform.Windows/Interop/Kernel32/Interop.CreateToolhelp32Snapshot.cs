using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const uint Th32csSnapprocess = 0x2;

        [LibraryImport(Name, EntryPoint = "CreateToolhelp32Snapshot", SetLastError = true)]
        internal static partial nint CreateToolhelp32Snapshot(uint flags, uint processId);
    }
}
