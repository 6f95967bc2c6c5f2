namespace Sensor.Platform;

/// <summary>The platforms of the reference command table; a command's support set is a combination of these.</summary>
[Flags]
public enum OsFamily
{
    None = 0,
    Windows = 1,
    Linux = 2,
    MacOS = 4,
    Chrome = 8,
    Edge = 16,
}
