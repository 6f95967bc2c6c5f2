using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <sys/reboot.h>: the glibc wrapper adds the magic numbers; these are the commands.
        internal const int RB_AUTOBOOT = 0x01234567;
        internal const int RB_POWER_OFF = 0x4321fedc;

        [LibraryImport(Name, EntryPoint = "reboot", SetLastError = true)]
        internal static partial int Reboot(int howto);
    }
}
