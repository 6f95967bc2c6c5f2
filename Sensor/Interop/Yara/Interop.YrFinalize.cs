using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_finalize")]
        internal static unsafe partial int YrFinalize();
    }
}
