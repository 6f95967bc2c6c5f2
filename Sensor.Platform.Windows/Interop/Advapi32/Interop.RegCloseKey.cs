using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        [LibraryImport(Name, EntryPoint = "RegCloseKey")]
        internal static partial int RegCloseKey(nint key);
    }
}
