using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint SeFileObject = 1;
        internal const uint OwnerSecurityInformation = 0x00000001;
        internal const uint DaclSecurityInformation = 0x00000004;
        internal const uint ProtectedDaclSecurityInformation = 0x80000000;

        /// <summary>Returns a Win32 error code (not through GetLastError).</summary>
        [LibraryImport(Name, EntryPoint = "SetNamedSecurityInfoW", StringMarshalling = StringMarshalling.Utf16)]
        internal static partial uint SetNamedSecurityInfo(string objectName, uint objectType, uint securityInfo, nint owner, nint group, nint dacl, nint sacl);
    }
}
