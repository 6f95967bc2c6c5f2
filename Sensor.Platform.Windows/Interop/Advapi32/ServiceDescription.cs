using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        /// <summary>SERVICE_DESCRIPTIONW (ChangeServiceConfig2W with SERVICE_CONFIG_DESCRIPTION).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ServiceDescription
        {
            public char* Description;
        }
    }
}
