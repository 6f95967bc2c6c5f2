using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Psapi
    {
        [LibraryImport(Name, EntryPoint = "GetDeviceDriverBaseNameW", SetLastError = true)]
        internal static unsafe partial uint GetDeviceDriverBaseName(nint imageBase, char* baseName, uint size);
    }
}
