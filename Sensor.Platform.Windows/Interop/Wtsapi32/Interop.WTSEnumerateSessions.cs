using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Wtsapi32
    {
        internal static readonly nint CurrentServerHandle = 0;

        [LibraryImport(Name, EntryPoint = "WTSEnumerateSessionsW", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool WTSEnumerateSessions(nint server, uint reserved, uint version, out nint sessionInfo, out uint count);
    }
}
