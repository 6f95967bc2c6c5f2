using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>open(2) with a NUL-terminated UTF-8 path; returns the fd or -1 with errno set.</summary>
        [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial int Open(byte* path, int flags, int mode);
    }
}
