using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "readlinkat", SetLastError = true)]
        internal static unsafe partial nint ReadLinkAt(int directoryFd, byte* path, byte* buffer, nint size);
    }
}
