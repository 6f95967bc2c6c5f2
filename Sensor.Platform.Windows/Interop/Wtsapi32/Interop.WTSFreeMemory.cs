using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Wtsapi32
    {
        [LibraryImport(Name, EntryPoint = "WTSFreeMemory")]
        internal static partial void WTSFreeMemory(nint memory);
    }
}
