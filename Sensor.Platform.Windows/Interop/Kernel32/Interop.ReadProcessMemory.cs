using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const int ErrorPartialCopy = 299;

        [LibraryImport(Name, EntryPoint = "ReadProcessMemory", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool ReadProcessMemory(nint process, nint baseAddress, byte* buffer, nuint size, out nuint bytesRead);
    }
}
