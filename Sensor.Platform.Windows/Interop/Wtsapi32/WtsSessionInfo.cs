using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

/// <summary>WTS_SESSION_INFOW.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WtsSessionInfo
{
    public uint SessionId;
    public nint WinStationName;
    public int State;
}
