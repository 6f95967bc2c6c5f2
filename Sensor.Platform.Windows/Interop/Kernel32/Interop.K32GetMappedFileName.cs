using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        /// <summary>The NT path (\Device\HarddiskVolumeN\...) of the file mapped at an address.</summary>
        [LibraryImport(Name, EntryPoint = "K32GetMappedFileNameW", SetLastError = true)]
        internal static unsafe partial uint K32GetMappedFileName(nint process, nint address, char* fileName, uint size);
    }
}
