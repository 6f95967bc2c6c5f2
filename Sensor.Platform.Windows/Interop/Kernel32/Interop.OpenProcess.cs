using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        [LibraryImport(Name, EntryPoint = "OpenProcess", SetLastError = true)]
        internal static partial nint OpenProcess(uint access, int inheritHandle, uint processId);
    }
}
