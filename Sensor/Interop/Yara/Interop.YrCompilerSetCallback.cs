using System.Runtime.InteropServices;

namespace Sensor;

internal static partial class Interop
{
    internal static partial class Yara
    {
        // callback: void (*)(int error_level, const char* file_name, int line_number, const YR_RULE* rule, const char* message, void* user_data)
        [LibraryImport(Name, EntryPoint = "yr_compiler_set_callback")]
        internal static unsafe partial void YrCompilerSetCallback(nint compiler, delegate* unmanaged<int, byte*, int, nint, byte*, nint, void> callback, nint userData);
    }
}
