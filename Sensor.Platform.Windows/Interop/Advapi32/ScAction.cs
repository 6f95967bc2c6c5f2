using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>SC_ACTION: one recovery step of SERVICE_FAILURE_ACTIONSW.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ScAction
        {
            internal const uint None = 0, Restart = 1, Reboot = 2, RunCommand = 3;

            public uint Type;
            public uint DelayMilliseconds;
        }
    }
}
