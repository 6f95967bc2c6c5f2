using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        /// <summary>Scans the blocks an iterator (YR_MEMORY_BLOCK_ITERATOR*) hands out, as one target.</summary>
        [LibraryImport(Name, EntryPoint = "yr_scanner_scan_mem_blocks")]
        internal static unsafe partial int YrScannerScanMemBlocks(nint scanner, void* iterator);
    }
}
