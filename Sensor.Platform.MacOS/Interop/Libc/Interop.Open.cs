using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial int Open(byte* path, int flags, int mode);
    }
}
