using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>realpath(3) with a caller buffer of PATH_MAX (4096) bytes.</summary>
        [LibraryImport(Name, EntryPoint = "realpath", SetLastError = true)]
        internal static unsafe partial byte* Realpath(byte* path, byte* resolved);
    }
}
