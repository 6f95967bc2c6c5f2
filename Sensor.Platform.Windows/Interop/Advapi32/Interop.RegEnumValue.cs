using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        [LibraryImport(Name, EntryPoint = "RegEnumValueW")]
        internal static unsafe partial int RegEnumValue(nint key, uint index, char* name, ref uint nameLength, nint reserved, out uint type, nint data, nint dataLength);
    }
}
