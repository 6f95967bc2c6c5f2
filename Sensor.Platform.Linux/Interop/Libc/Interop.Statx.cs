using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>statx(2): one struct layout on every architecture, with the birth time where the file system has it.</summary>
        [LibraryImport(Name, EntryPoint = "statx", SetLastError = true)]
        internal static unsafe partial int Statx(int dirfd, byte* path, int flags, uint mask, byte* statxBuffer);
    }
}
