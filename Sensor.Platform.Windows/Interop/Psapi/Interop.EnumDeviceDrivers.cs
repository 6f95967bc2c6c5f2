using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Psapi
    {
        /// <summary>Load addresses of every loaded driver; <paramref name="needed"/> says how many bytes they take.</summary>
        [LibraryImport(Name, EntryPoint = "EnumDeviceDrivers", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool EnumDeviceDrivers(nint* imageBases, uint size, out uint needed);
    }
}
