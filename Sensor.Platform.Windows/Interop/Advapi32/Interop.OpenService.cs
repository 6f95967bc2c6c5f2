using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint ServiceQueryStatus = 0x0004, ServiceStart = 0x0010, ServiceStop = 0x0020, ServiceChangeConfig = 0x0002;
        internal const uint ServiceQueryConfig = 0x0001, Delete = 0x00010000;
        internal const int ErrorServiceDoesNotExist = 1060;

        /// <summary>Everything <c>sensor install</c> and <c>uninstall</c> do to an existing service.</summary>
        internal const uint ServiceManageAccess = ServiceQueryConfig | ServiceChangeConfig | ServiceQueryStatus | ServiceStart | ServiceStop | Delete;

        [LibraryImport(Name, EntryPoint = "OpenServiceW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        internal static partial nint OpenService(nint manager, string serviceName, uint desiredAccess);
    }
}
