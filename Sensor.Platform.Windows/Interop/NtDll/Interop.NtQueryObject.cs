using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        /// <summary>ObjectNameInformation (1) or ObjectTypeInformation (2): a UNICODE_STRING first; returns an NTSTATUS.</summary>
        [LibraryImport(Name, EntryPoint = "NtQueryObject")]
        internal static unsafe partial int NtQueryObject(nint handle, int informationClass, byte* information, uint length, out uint returnLength);
    }
}
