using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        /// <summary>Once per process, before any other call (YaraLibrary).</summary>
        [LibraryImport(Name, EntryPoint = "yr_initialize")]
        internal static unsafe partial int YrInitialize();
    }
}
