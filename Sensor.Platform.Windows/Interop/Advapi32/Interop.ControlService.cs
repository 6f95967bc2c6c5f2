using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint ServiceControlStop = 0x00000001;
        internal const int ErrorServiceNotActive = 1062;

        [LibraryImport(Name, EntryPoint = "ControlService", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool ControlService(nint service, uint control, out ServiceStatus status);
    }
}
