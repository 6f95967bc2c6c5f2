using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>ConvertSidToStringSidW: <c>S-1-5-18</c> for a SID; the string is freed with LocalFree.</summary>
        [LibraryImport(Name, EntryPoint = "ConvertSidToStringSidW", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool ConvertSidToStringSid(nint sid, out nint stringSid);
    }
}
