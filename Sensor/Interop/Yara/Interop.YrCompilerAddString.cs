using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        /// <summary>Returns the number of errors; the compiler's callback has received each.</summary>
        [LibraryImport(Name, EntryPoint = "yr_compiler_add_string")]
        internal static unsafe partial int YrCompilerAddString(nint compiler, byte* rulesString, byte* namespaceName);
    }
}
