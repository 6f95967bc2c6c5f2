using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <sys/reboot.h>: RB_AUTOBOOT reboots; RB_HALT stops the processor, which powers a Mac off.
        internal const int RB_AUTOBOOT = 0;
        internal const int RB_HALT = 0x08;

        [LibraryImport(Name, EntryPoint = "reboot", SetLastError = true)]
        internal static partial int Reboot(int howto);
    }
}
