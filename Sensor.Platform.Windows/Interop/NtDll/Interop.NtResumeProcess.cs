using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        [LibraryImport(Name, EntryPoint = "NtResumeProcess")]
        internal static partial int NtResumeProcess(nint process);
    }
}
