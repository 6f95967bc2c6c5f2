using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Mach
    {
        [LibraryImport(Name, EntryPoint = "mach_vm_read_overwrite")]
        internal static unsafe partial int MachVmReadOverwrite(uint task, ulong address, ulong size, ulong data, ulong* outSize);
    }
}
