using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        [LibraryImport(Name, EntryPoint = "NtQueryInformationProcess")]
        internal static unsafe partial int NtQueryInformationProcess(nint process, int informationClass, void* information, uint length, out uint returnLength);
    }
}
