using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        [LibraryImport(Name, EntryPoint = "RegOpenKeyExW", StringMarshalling = StringMarshalling.Utf16)]
        internal static partial int RegOpenKeyEx(nint key, string subKey, uint options, uint desired, out nint result);
    }
}
