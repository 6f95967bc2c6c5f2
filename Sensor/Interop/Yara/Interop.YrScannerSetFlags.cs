using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_scanner_set_flags")]
        internal static unsafe partial void YrScannerSetFlags(nint scanner, int flags);
    }
}
