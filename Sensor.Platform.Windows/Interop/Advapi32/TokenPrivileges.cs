using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

/// <summary>TOKEN_PRIVILEGES with its one LUID_AND_ATTRIBUTES entry (all the sensor ever enables at once).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TokenPrivileges
{
    public uint PrivilegeCount;
    public Luid Luid;
    public uint Attributes;
}
