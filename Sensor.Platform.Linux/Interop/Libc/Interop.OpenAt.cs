using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "openat", SetLastError = true)]
        internal static unsafe partial int OpenAt(int directoryFd, byte* path, int flags);
    }
}
