using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        [LibraryImport(Name, EntryPoint = "NtSuspendProcess")]
        internal static partial int NtSuspendProcess(nint process);
    }
}
