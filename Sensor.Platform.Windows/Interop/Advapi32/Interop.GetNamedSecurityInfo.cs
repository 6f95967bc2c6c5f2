using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        // SeFileObject and the *SecurityInformation flags: Interop.SetNamedSecurityInfo.cs.
        /// <summary>GetNamedSecurityInfoW: the owner and DACL of a file; the descriptor is freed with LocalFree.</summary>
        [LibraryImport(Name, EntryPoint = "GetNamedSecurityInfoW", StringMarshalling = StringMarshalling.Utf16)]
        internal static partial uint GetNamedSecurityInfo(string objectName, uint objectType, uint securityInfo,
            out nint owner, out nint group, out nint dacl, out nint sacl, out nint securityDescriptor);
    }
}
