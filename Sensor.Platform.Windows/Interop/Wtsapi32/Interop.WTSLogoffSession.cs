using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Wtsapi32
    {
        [LibraryImport(Name, EntryPoint = "WTSLogoffSession", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool WTSLogoffSession(nint server, uint sessionId, [MarshalAs(UnmanagedType.Bool)] bool wait);
    }
}
