using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "rename", SetLastError = true)]
        internal static unsafe partial int Rename(byte* oldPath, byte* newPath);
    }
}
