using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        // YR_FILE_DESCRIPTOR is an int on Unix and a HANDLE on Windows: a pointer-sized argument carries either. libyara maps the file.
        [LibraryImport(Name, EntryPoint = "yr_scanner_scan_fd")]
        internal static unsafe partial int YrScannerScanFd(nint scanner, nint fd);
    }
}
