using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        [LibraryImport(Name, EntryPoint = "RegEnumKeyExW")]
        internal static unsafe partial int RegEnumKeyEx(nint key, uint index, char* name, ref uint nameLength, nint reserved, nint className, nint classLength, nint lastWriteTime);
    }
}
