using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>open(2) with a NUL-terminated UTF-8 path; returns the fd or -1 with errno set.</summary>
        [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial int Open(byte* path, int flags, int mode);

        internal const int O_RDONLY = 0;
        internal const int O_CLOEXEC = 0x80000;

        [LibraryImport(Name, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);

        /// <summary>The same, for a NUL-terminated UTF-8 path built on the stack.</summary>
        [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial int Open(byte* path, int flags);
    }
}
