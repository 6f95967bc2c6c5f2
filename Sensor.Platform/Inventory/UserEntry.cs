namespace Sensor.Platform.Inventory;

/// <summary>An account of the passwd database.</summary>
/// <param name="HasPassword">Whether a usable password is set; null when the shadow database could not be read.</param>
/// <param name="LastLogon">Last login, Unix ms; 0 when never logged in, -1 when no login record exists to say.</param>
public readonly record struct UserEntry(string Name, long Uid, long Gid, string Home, string Shell, bool? HasPassword, long LastLogon);
