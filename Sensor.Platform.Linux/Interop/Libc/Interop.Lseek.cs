using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SEEK_SET = 0;
        internal const int SEEK_CUR = 1;

        [LibraryImport(Name, EntryPoint = "lseek", SetLastError = true)]
        internal static partial long Lseek(int fd, long offset, int whence);
    }
}
