using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Mach
    {
        internal const string Name = "libSystem.dylib";
        internal const int KernSuccess = 0, KernInvalidAddress = 1, KernProtectionFailure = 2, KernNoSpace = 3, KernInvalidArgument = 4, KernFailure = 5;
        internal const int VmRegionBasicInfo64 = 9;
        internal const int VmRegionBasicInfoCount64 = 9; // sizeof(vm_region_basic_info_data_64_t) / sizeof(int), packed(4): 36 bytes
        internal const int VmProtRead = 1, VmProtWrite = 2, VmProtExecute = 4;
    }
}
