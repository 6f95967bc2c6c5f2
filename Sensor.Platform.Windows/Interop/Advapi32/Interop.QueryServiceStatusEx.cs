using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint ScStatusProcessInfo = 0;

        [LibraryImport(Name, EntryPoint = "QueryServiceStatusEx", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool QueryServiceStatusEx(nint service, uint infoLevel, ServiceStatusProcess* buffer, uint bufferSize, out uint bytesNeeded);
    }
}
