using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint ServiceWin32OwnProcess = 0x00000010;
        internal const uint ServiceAutoStart = 0x00000002;
        internal const uint ServiceErrorNormal = 0x00000001;

        /// <summary>Leaves a setting unchanged in ChangeServiceConfigW.</summary>
        internal const uint ServiceNoChange = 0xFFFFFFFF;

        [LibraryImport(Name, EntryPoint = "CreateServiceW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        internal static partial nint CreateService(nint manager, string serviceName, string displayName, uint desiredAccess, uint serviceType, uint startType, uint errorControl, string binaryPathName, string? loadOrderGroup, nint tagId, string? dependencies, string? serviceStartName, string? password);
    }
}
