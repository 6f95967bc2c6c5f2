namespace Sensor.Platform.Processes;

/// <summary>What identifies an executable file's content for the hash cache: same key, same bytes (short of tampering that restores mtime).</summary>
public readonly record struct ExecutableIdentity(ulong Device, ulong Inode, long Size, long ModificationTimeMs);
