using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        /// <summary>Seconds per scan; 0 = none. The scan then ends with ERROR_SCAN_TIMEOUT.</summary>
        [LibraryImport(Name, EntryPoint = "yr_scanner_set_timeout")]
        internal static unsafe partial void YrScannerSetTimeout(nint scanner, int timeout);
    }
}
