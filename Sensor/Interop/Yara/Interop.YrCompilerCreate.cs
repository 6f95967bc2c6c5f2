using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_compiler_create")]
        internal static unsafe partial int YrCompilerCreate(nint* compiler);
    }
}
