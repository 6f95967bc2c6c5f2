using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>SERVICE_FAILURE_ACTIONSW (ChangeServiceConfig2W with SERVICE_CONFIG_FAILURE_ACTIONS).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ServiceFailureActions
        {
            public uint ResetPeriodSeconds;
            public char* RebootMessage;
            public char* Command;
            public uint ActionCount;
            public ScAction* Actions;
        }
    }
}
