using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "fstatat", SetLastError = true)]
        internal static unsafe partial int Fstatat(int dirfd, byte* path, byte* statBuffer, int flags);
    }
}
