using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "fdopendir", SetLastError = true)]
        internal static partial nint Fdopendir(int fd);
    }
}
