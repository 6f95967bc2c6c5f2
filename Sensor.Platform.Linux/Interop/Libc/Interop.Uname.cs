using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Fills a Linux <c>struct utsname</c>: six NUL-terminated fields of 65 bytes.</summary>
        [LibraryImport(Name, EntryPoint = "uname", SetLastError = true)]
        internal static unsafe partial int Uname(byte* buffer);
    }
}
