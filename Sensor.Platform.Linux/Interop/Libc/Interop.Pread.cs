using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "pread64", SetLastError = true)]
        internal static unsafe partial nint Pread(SafeHandle fd, byte* buffer, nuint count, long offset);

        /// <summary>The same on a raw descriptor the caller owns (/proc/PID/mem held across chunk reads).</summary>
        [LibraryImport(Name, EntryPoint = "pread64", SetLastError = true)]
        internal static unsafe partial nint Pread(int fd, byte* buffer, nuint count, long offset);
    }
}
