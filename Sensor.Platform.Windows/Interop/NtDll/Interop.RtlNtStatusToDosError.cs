using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        [LibraryImport(Name, EntryPoint = "RtlNtStatusToDosError")]
        internal static partial uint RtlNtStatusToDosError(int status);
    }
}
