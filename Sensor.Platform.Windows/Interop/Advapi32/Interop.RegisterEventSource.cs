using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>RegisterEventSourceW: a handle for writing to the Application log under a source name.</summary>
        [LibraryImport(Name, EntryPoint = "RegisterEventSourceW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
        internal static partial nint RegisterEventSource(string? uncServerName, string sourceName);
    }
}
