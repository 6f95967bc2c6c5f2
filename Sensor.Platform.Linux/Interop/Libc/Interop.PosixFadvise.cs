using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>posix_fadvise(2): returns the error number itself (not -1 and errno).</summary>
        [LibraryImport(Name, EntryPoint = "posix_fadvise64")]
        internal static partial int PosixFadvise(SafeHandle fd, long offset, long length, int advice);
    }
}
