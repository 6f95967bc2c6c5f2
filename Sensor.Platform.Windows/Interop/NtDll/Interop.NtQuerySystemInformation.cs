using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        /// <summary>SystemExtendedHandleInformation (64) fills SYSTEM_HANDLE_INFORMATION_EX; returns an NTSTATUS.</summary>
        [LibraryImport(Name, EntryPoint = "NtQuerySystemInformation")]
        internal static unsafe partial int NtQuerySystemInformation(int informationClass, byte* information, uint length, out uint returnLength);

        [LibraryImport(Name, EntryPoint = "NtQuerySystemInformation")]
        internal static unsafe partial int NtQuerySystemInformation(int informationClass, void* information, uint length, out uint returnLength);
    }
}
