using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        // callback: int (*)(YR_SCAN_CONTEXT* context, int message, void* message_data, void* user_data)
        [LibraryImport(Name, EntryPoint = "yr_scanner_set_callback")]
        internal static unsafe partial void YrScannerSetCallback(nint scanner, delegate* unmanaged<nint, int, nint, nint, int> callback, nint userData);
    }
}
