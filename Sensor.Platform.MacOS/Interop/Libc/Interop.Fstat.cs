using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fstat(2); on arm64 the 64-bit-inode struct stat is the only one.</summary>
        [LibraryImport(Name, EntryPoint = "fstat", SetLastError = true)]
        internal static unsafe partial int Fstat(int fd, byte* statBuffer);
    }
}
