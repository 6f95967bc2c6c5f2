using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>SERVICE_STATUS_PROCESS (QueryServiceStatusEx with SC_STATUS_PROCESS_INFO).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ServiceStatusProcess
        {
            internal const uint Stopped = 1, StartPending = 2, StopPending = 3, Running = 4;
            internal const uint ContinuePending = 5, PausePending = 6, Paused = 7;

            public uint ServiceType;
            public uint CurrentState;
            public uint ControlsAccepted;
            public uint Win32ExitCode;
            public uint ServiceSpecificExitCode;
            public uint CheckPoint;
            public uint WaitHint;
            public uint ProcessId;
            public uint ServiceFlags;
        }
    }
}
