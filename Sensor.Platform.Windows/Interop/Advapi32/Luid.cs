using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

/// <summary>LUID.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Luid
{
    public uint LowPart;
    public int HighPart;
}
