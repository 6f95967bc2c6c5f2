using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "pread", SetLastError = true)]
        internal static unsafe partial nint Pread(SafeHandle fd, byte* buffer, nuint count, long offset);
    }
}
