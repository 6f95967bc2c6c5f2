namespace Sensor.Platform.Processes;

/// <summary>
/// What identifies an executable file's content for the hash cache: same key, same bytes. Times are in the host's
/// finest unit (Linux: nanoseconds since the epoch). <see cref="ChangeTime"/> is the inode change time, which no
/// system call lets a program set, so a file rewritten with its size and modification time restored still gets a
/// new key; 0 where the host has no such time (then the key is only trusted for the life of the process).
/// </summary>
public readonly record struct ExecutableIdentity(ulong Device, ulong Inode, long Size, long ModificationTime, long ChangeTime);
