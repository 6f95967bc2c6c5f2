using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Psapi
    {
        [LibraryImport(Name, EntryPoint = "GetDeviceDriverFileNameW", SetLastError = true)]
        internal static unsafe partial uint GetDeviceDriverFileName(nint imageBase, char* fileName, uint size);
    }
}
