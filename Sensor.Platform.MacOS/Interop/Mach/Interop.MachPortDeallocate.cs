using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Mach
    {
        [LibraryImport(Name, EntryPoint = "mach_port_deallocate")]
        internal static partial int MachPortDeallocate(uint task, uint name);
    }
}
