using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const int ErrorServiceAlreadyRunning = 1056;

        [LibraryImport(Name, EntryPoint = "StartServiceW", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool StartService(nint service, uint argumentCount, nint arguments);
    }
}
