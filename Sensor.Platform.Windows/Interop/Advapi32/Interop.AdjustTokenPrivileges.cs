using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint SePrivilegeEnabled = 0x00000002;

        /// <summary>Succeeds even when the privilege is not held: the caller checks GetLastError for ERROR_NOT_ALL_ASSIGNED.</summary>
        [LibraryImport(Name, EntryPoint = "AdjustTokenPrivileges", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static partial bool AdjustTokenPrivileges(nint tokenHandle, [MarshalAs(UnmanagedType.Bool)] bool disableAllPrivileges,
            in TokenPrivileges newState, uint bufferLength, nint previousState, nint returnLength);
    }
}
