namespace Sensor.Platform.Processes;

/// <summary>Access rights of a memory region, in OS-neutral terms.</summary>
[Flags]
public enum MemoryProtection
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,

    /// <summary>Writes go to a private copy (a private file mapping on POSIX, PAGE_WRITECOPY on Windows).</summary>
    CopyOnWrite = 8,
}
