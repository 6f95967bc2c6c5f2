namespace Sensor.Platform.Processes;

/// <summary>One mapping of a process's address space.</summary>
public readonly record struct MemoryRegion(
    ulong BaseAddress,
    ulong Size,
    MemoryProtection Protection,
    MemoryRegionKind Kind,
    bool IsShared,
    ulong FileOffset,
    ulong Device,
    ulong Inode,
    string FilePath)
{
    public ulong EndAddress => BaseAddress + Size;

    public bool IsFileBacked => Inode != 0 || (FilePath.Length > 0 && FilePath[0] == '/');

    public bool IsReadable => (Protection & MemoryProtection.Read) != 0;

    public bool IsWritable => (Protection & MemoryProtection.Write) != 0;

    public bool IsExecutable => (Protection & MemoryProtection.Execute) != 0;

    /// <summary>The reply's <c>MEMORY_ACCESS</c> value (reply-events.md §2).</summary>
    public int AccessCode => MemoryAccessCodes.From(Protection);
}
