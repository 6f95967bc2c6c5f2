using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_compiler_destroy")]
        internal static unsafe partial void YrCompilerDestroy(nint compiler);
    }
}
