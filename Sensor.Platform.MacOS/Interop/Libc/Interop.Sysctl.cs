using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int CtlKern = 1, KernProcargs2 = 49;

        [LibraryImport(Name, EntryPoint = "sysctl", SetLastError = true)]
        internal static unsafe partial int Sysctl(int* name, uint nameLength, byte* oldValue, nuint* oldLength, void* newValue, nuint newLength);
    }
}
