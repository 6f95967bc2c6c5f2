using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, EntryPoint = "recv", SetLastError = true)]
        internal static unsafe partial nint Recv(int socket, byte* buffer, nint length, int flags);
    }
}
