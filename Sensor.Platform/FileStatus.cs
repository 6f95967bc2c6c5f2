namespace Sensor.Platform;

/// <summary>
/// What the sensor reports of a file, the same on every OS. Times are Unix milliseconds; <see cref="Attributes"/>
/// is <c>st_mode</c> on POSIX and the Win32 file attributes on Windows (reply-events.md: <c>ATTRIBUTES</c>).
/// </summary>
public readonly record struct FileStatus(
    DirectoryEntryKind Kind,
    long Size,
    uint Attributes,
    long AccessTimeMs,
    long ModificationTimeMs,
    long CreationTimeMs,
    ulong Device,
    ulong Inode);
