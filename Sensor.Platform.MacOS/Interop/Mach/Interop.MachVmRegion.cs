using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Mach
    {
        [LibraryImport(Name, EntryPoint = "mach_vm_region")]
        internal static unsafe partial int MachVmRegion(uint task, ulong* address, ulong* size, int flavor, int* info, uint* infoCount, uint* objectName);
    }
}
