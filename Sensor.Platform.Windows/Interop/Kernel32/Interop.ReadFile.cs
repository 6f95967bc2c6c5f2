using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>ReadFile at an offset given in the OVERLAPPED of a synchronous handle.</summary>
        [LibraryImport(Name, EntryPoint = "ReadFile", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool ReadFile(SafeFileHandle file, byte* buffer, uint numberOfBytesToRead, out uint numberOfBytesRead, NativeOverlapped* overlapped);
    }
}
