using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const uint ThreadSuspendResume = 0x0002;
        internal const uint ThreadQueryLimitedInformation = 0x0800;

        [LibraryImport(Name, EntryPoint = "OpenThread", SetLastError = true)]
        internal static partial nint OpenThread(uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, uint threadId);
    }
}
