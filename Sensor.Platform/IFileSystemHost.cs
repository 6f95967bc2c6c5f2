using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform;

/// <summary>
/// The file-system primitives the file and directory commands are built on. Every method returns a reply error code
/// (<see cref="ErrorCodes"/>), never throws for an OS failure, and never follows a symbolic link it was not asked to.
/// Paths are UTF-8 bytes so names that are not valid UTF-8 survive a listing and can be opened again.
/// </summary>
public interface IFileSystemHost
{
    /// <summary>
    /// Opens a file for reading its content. Refuses anything that is not a regular file (FIFOs, devices, sockets:
    /// <see cref="ErrorCodes.InvalidFunction"/>; directories: <see cref="ErrorCodes.Directory"/>) without blocking
    /// on it, and returns the status of what was opened.
    /// </summary>
    static abstract int OpenRead(ReadOnlySpan<byte> path, out SafeFileHandle? handle, out FileStatus status);

    /// <summary>Reads at an offset; <paramref name="bytesRead"/> is 0 at end of file.</summary>
    static abstract int ReadAt(SafeFileHandle handle, Span<byte> buffer, long offset, out int bytesRead);

    /// <summary>Tells the OS the file will be read sequentially from start to end (read-ahead), where it can.</summary>
    static abstract void AdviseSequential(SafeFileHandle handle, long length);

    /// <summary>
    /// Asks the OS to start reading a range into the cache now, without waiting for it, so the reads that follow
    /// overlap with the hashing of what came before (a cold file is otherwise read, then hashed, in turn).
    /// </summary>
    static abstract void AdviseWillNeed(SafeFileHandle handle, long offset, long length);

    /// <summary>The status of a path; <paramref name="followLinks"/> false reports a link itself.</summary>
    static abstract int Stat(ReadOnlySpan<byte> path, bool followLinks, out FileStatus status);

    /// <summary>The status of <paramref name="name"/> inside a directory being enumerated, not following links.</summary>
    static abstract int StatAt(nint directoryHandle, ReadOnlySpan<byte> name, out FileStatus status);

    /// <summary>Calls the visitor for every entry of a directory except <c>.</c> and <c>..</c>.</summary>
    static abstract int EnumerateDirectory<TVisitor>(ReadOnlySpan<byte> path, ref TVisitor visitor)
        where TVisitor : struct, IDirectoryEntryVisitor;

    /// <summary>Deletes a file (not a directory: <see cref="ErrorCodes.Directory"/>).</summary>
    static abstract int DeleteFile(ReadOnlySpan<byte> path);

    /// <summary>Moves or renames a file, across file systems if needed; an existing destination is replaced.</summary>
    static abstract int MoveFile(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination);

    /// <summary>The canonical absolute path (links resolved), or null when it cannot be resolved.</summary>
    static abstract string? CanonicalPath(string path);

    /// <summary>The directory separator of this OS, as a byte.</summary>
    static abstract byte DirectorySeparator { get; }
}
