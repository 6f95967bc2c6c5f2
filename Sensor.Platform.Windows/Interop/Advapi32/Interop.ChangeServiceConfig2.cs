using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const uint ServiceConfigDescription = 1;
        internal const uint ServiceConfigFailureActions = 2;
        internal const uint ServiceConfigFailureActionsFlag = 4;

        /// <summary><paramref name="info"/> points at the structure <paramref name="infoLevel"/> names.</summary>
        [LibraryImport(Name, EntryPoint = "ChangeServiceConfig2W", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool ChangeServiceConfig2(nint service, uint infoLevel, void* info);
    }
}
