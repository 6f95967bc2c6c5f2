using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "sysctlbyname", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int SysctlByName(string name, byte* oldValue, nuint* oldLength, void* newValue, nuint newLength);
    }
}
