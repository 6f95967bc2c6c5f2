using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        [LibraryImport(Name, EntryPoint = "DuplicateHandle", SetLastError = true)]
        internal static partial int DuplicateHandle(nint sourceProcess, nint sourceHandle, nint targetProcess, out nint targetHandle, uint access, int inheritHandle, uint options);
    }
}
