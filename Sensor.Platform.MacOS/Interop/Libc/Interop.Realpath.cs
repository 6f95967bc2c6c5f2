using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "realpath", SetLastError = true)]
        internal static unsafe partial byte* Realpath(byte* path, byte* resolved);
    }
}
