using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const uint ProcessTerminate = 0x0001;
        internal const uint ProcessVmRead = 0x0010;
        internal const uint ProcessQueryInformation = 0x0400;
        internal const uint ProcessSuspendResume = 0x0800;
        internal const uint ProcessQueryLimitedInformation = 0x1000;

        [LibraryImport(Name, EntryPoint = "OpenProcess", SetLastError = true)]
        internal static partial nint OpenProcess(uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, uint processId);
    }
}
