using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const uint InvalidFileAttributes = 0xFFFFFFFF;

        [LibraryImport(Name, EntryPoint = "GetFileAttributesW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        internal static partial uint GetFileAttributes(string fileName);
    }
}
