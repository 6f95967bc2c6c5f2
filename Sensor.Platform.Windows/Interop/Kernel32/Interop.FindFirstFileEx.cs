using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        [LibraryImport(Name, EntryPoint = "FindFirstFileExW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        internal static unsafe partial nint FindFirstFileEx(string fileName, int infoLevel, Win32FindData* findData, int searchOp, nint searchFilter, uint additionalFlags);
    }
}
