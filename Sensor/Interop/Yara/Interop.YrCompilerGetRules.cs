using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        [LibraryImport(Name, EntryPoint = "yr_compiler_get_rules")]
        internal static unsafe partial int YrCompilerGetRules(nint compiler, nint* rules);
    }
}
