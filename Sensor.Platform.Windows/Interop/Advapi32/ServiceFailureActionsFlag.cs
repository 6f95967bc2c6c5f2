using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>SERVICE_FAILURE_ACTIONS_FLAG: also recover when the service stops itself with a non-zero exit code.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ServiceFailureActionsFlag
        {
            public int FailureActionsOnNonCrashFailures;
        }
    }
}
