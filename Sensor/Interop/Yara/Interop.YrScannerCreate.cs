using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_scanner_create")]
        internal static unsafe partial int YrScannerCreate(nint rules, nint* scanner);
    }
}
