using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>readdir(3): NULL with errno unchanged at the end, NULL with errno set on an error.</summary>
        [LibraryImport(Name, EntryPoint = "readdir", SetLastError = true)]
        internal static unsafe partial byte* Readdir(nint dir);
    }
}
