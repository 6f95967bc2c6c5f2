using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_scanner_destroy")]
        internal static unsafe partial void YrScannerDestroy(nint scanner);
    }
}
