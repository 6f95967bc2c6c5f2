using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        [LibraryImport(Name, EntryPoint = "GetFileType", SetLastError = true)]
        internal static partial uint GetFileType(SafeFileHandle file);
    }
}
