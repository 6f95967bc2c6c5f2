using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary><paramref name="dacl"/> points into <paramref name="securityDescriptor"/>: it lives as long as that does.</summary>
        [LibraryImport(Name, EntryPoint = "GetSecurityDescriptorDacl", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool GetSecurityDescriptorDacl(nint securityDescriptor, [MarshalAs(UnmanagedType.Bool)] out bool daclPresent, out nint dacl, [MarshalAs(UnmanagedType.Bool)] out bool daclDefaulted);
    }
}
