using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint ScManagerConnect = 0x0001, ScManagerCreateService = 0x0002;

        [LibraryImport(Name, EntryPoint = "OpenSCManagerW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        internal static partial nint OpenSCManager(string? machineName, string? databaseName, uint desiredAccess);
    }
}
