using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>glibc 2.30+ exports the raw directory read; one call returns many <c>linux_dirent64</c> records.</summary>
        [LibraryImport(Name, EntryPoint = "getdents64", SetLastError = true)]
        internal static unsafe partial nint GetDents64(int fd, byte* buffer, nint count);
    }
}
