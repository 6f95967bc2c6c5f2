using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const int SeFileObject = 1;
        internal const uint OwnerSecurityInformation = 0x1, DaclSecurityInformation = 0x4;

        /// <summary>GetNamedSecurityInfoW: the owner and DACL of a file; the descriptor is freed with LocalFree.</summary>
        [LibraryImport(Name, EntryPoint = "GetNamedSecurityInfoW", StringMarshalling = StringMarshalling.Utf16)]
        internal static partial uint GetNamedSecurityInfo(string objectName, int objectType, uint securityInfo,
            out nint owner, out nint group, out nint dacl, out nint sacl, out nint securityDescriptor);
    }
}
