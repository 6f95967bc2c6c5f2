using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        /// <summary>Fills an OSVERSIONINFOEXW (284 bytes, first DWORD its size); unlike GetVersionEx it is not shimmed.</summary>
        [LibraryImport(Name, EntryPoint = "RtlGetVersion")]
        internal static unsafe partial int RtlGetVersion(byte* versionInformation);
    }
}
