using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>getdents64(2) (glibc 2.30+): reads raw linux_dirent64 records of a directory fd into a buffer.</summary>
        [LibraryImport(Name, EntryPoint = "getdents64", SetLastError = true)]
        internal static unsafe partial nint Getdents64(int fd, byte* buffer, nuint count);
    }
}
