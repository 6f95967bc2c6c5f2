using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "pread64", SetLastError = true)]
        internal static unsafe partial nint Pread(SafeHandle fd, byte* buffer, nuint count, long offset);

        // ssize_t pread(int fd, void *buf, size_t count, off_t offset); off_t is 64-bit on every 64-bit target.
        [LibraryImport(Name, EntryPoint = "pread", SetLastError = true)]
        internal static unsafe partial nint Pread(int fd, byte* buffer, nuint count, long offset);
    }
}
