namespace Sensor.Platform;

/// <summary>
/// One entry of a directory being read. <see cref="Name"/> is UTF-8 and only valid during the visit. Where the OS
/// returns metadata with the listing (Windows), <see cref="HasStatus"/> is true; elsewhere the visitor asks
/// <see cref="IFileSystemHost.StatAt"/> with <see cref="DirectoryHandle"/> when it needs it.
/// </summary>
public readonly ref struct DirectoryEntry(ReadOnlySpan<byte> name, DirectoryEntryKind kind, nint directoryHandle, bool hasStatus, FileStatus status)
{
    public ReadOnlySpan<byte> Name { get; } = name;
    public DirectoryEntryKind Kind { get; } = kind;
    public nint DirectoryHandle { get; } = directoryHandle;
    public bool HasStatus { get; } = hasStatus;
    public FileStatus Status { get; } = status;
}
