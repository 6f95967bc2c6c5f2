using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "sysctlbyname", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int SysctlByName(string name, byte* oldValue, ref nuint oldLength, byte* newValue, nuint newLength);
    }
}
