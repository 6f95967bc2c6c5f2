using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "sendto", SetLastError = true)]
        internal static unsafe partial nint SendTo(int socket, byte* buffer, nint length, int flags, byte* address, uint addressLength);
    }
}
