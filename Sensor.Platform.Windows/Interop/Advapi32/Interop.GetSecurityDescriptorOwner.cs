using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary><paramref name="owner"/> points into <paramref name="securityDescriptor"/>: it lives as long as that does.</summary>
        [LibraryImport(Name, EntryPoint = "GetSecurityDescriptorOwner", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool GetSecurityDescriptorOwner(nint securityDescriptor, out nint owner, [MarshalAs(UnmanagedType.Bool)] out bool ownerDefaulted);
    }
}
