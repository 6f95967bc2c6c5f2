using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>statx(2): one struct layout on every architecture, with the birth time where the file system has it.</summary>
        [LibraryImport(Name, EntryPoint = "statx", SetLastError = true)]
        internal static unsafe partial int Statx(int dirfd, byte* path, int flags, uint mask, byte* statxBuffer);

        internal const int AT_FDCWD = -100;
        internal const uint STATX_BASIC_STATS = 0x7ff;

        // struct statx has one layout on every architecture (256 bytes), unlike struct stat.
        internal const int StatxSize = 256;
        internal const int StatxInoOffset = 32;
        internal const int StatxSizeOffset = 40;
        internal const int StatxMtimeOffset = 112;
        internal const int StatxDevMajorOffset = 136;
        internal const int StatxDevMinorOffset = 140;

        [LibraryImport(Name, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* statxBuffer);
    }
}
