using System.Buffers;
using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// The directory walk under dir_list, dir_find_hash and the YARA file scan. Depth-first over an explicit stack,
/// never following symbolic links (so a loop through links is impossible; a bind-mount loop ends at the depth limit
/// or at the OS's path-length limit). Directories that vanish or cannot be read are counted, not fatal.
/// </summary>
/// <remarks>
/// Depth: 1 lists the entries of the root only (the reference's "single level" default); N lists N levels, as
/// <c>find ROOT -mindepth 1 -maxdepth N</c>.
/// </remarks>
public sealed class DirectoryWalker
{
    private readonly Stack<(byte[] Path, int Depth)> _pending = new();
    private byte[] _pathBuffer = ArrayPool<byte>.Shared.Rent(4096);

    public DirectoryWalker(int maxDepth, ReadOnlySpan<byte> pattern)
    {
        MaxDepth = Math.Max(1, maxDepth);
        Pattern = pattern.ToArray();
        MatchAll = WildcardPattern.MatchesEverything(pattern);
    }

    public int MaxDepth { get; }

    public byte[] Pattern { get; }

    private bool MatchAll { get; }

    /// <summary>Entries that disappeared between being listed and being looked at.</summary>
    public long Vanished { get; internal set; }

    /// <summary>Directories below the root that could not be read (permissions, I/O errors, names too long).</summary>
    public long Unreadable { get; private set; }

    public long DirectoriesRead { get; private set; }

    public CancellationToken Cancellation { get; set; }

    /// <summary>Walks from <paramref name="root"/>; returns the error of reading the root itself (0 when it was read).</summary>
    public int Walk<TVisitor>(ReadOnlySpan<byte> root, ref TVisitor visitor)
        where TVisitor : struct, IWalkVisitor
    {
        // A trailing separator would double up in every path built below; "/" itself stays "/".
        while (root.Length > 1 && root[^1] == Os.DirectorySeparator)
        {
            root = root[..^1];
        }

        _pending.Clear();
        _pending.Push((root.ToArray(), 1));
        bool first = true;
        bool stopped = false;
        while (!stopped && _pending.Count > 0)
        {
            Cancellation.ThrowIfCancellationRequested();
            (byte[] directory, int depth) = _pending.Pop();
            var adapter = new Adapter<TVisitor>(this, visitor, directory, depth);
            int error = Os.EnumerateDirectory(directory, ref adapter);
            visitor = adapter.User;
            stopped = adapter.Stopped;
            DirectoriesRead++;
            if (error != ErrorCodes.Success)
            {
                if (first)
                {
                    return error;
                }

                if (error is ErrorCodes.FileNotFound or ErrorCodes.PathNotFound)
                {
                    Vanished++;
                }
                else
                {
                    Unreadable++;
                }
            }

            first = false;
        }

        return ErrorCodes.Success;
    }

    /// <summary>Builds parent + separator + name in the reused path buffer.</summary>
    private ReadOnlySpan<byte> Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name)
    {
        bool rootIsSeparator = directory.Length == 1 && directory[0] == Os.DirectorySeparator;
        int length = directory.Length + (rootIsSeparator ? 0 : 1) + name.Length;
        if (_pathBuffer.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_pathBuffer);
            _pathBuffer = ArrayPool<byte>.Shared.Rent(length);
        }

        directory.CopyTo(_pathBuffer);
        int at = directory.Length;
        if (!rootIsSeparator)
        {
            _pathBuffer[at++] = Os.DirectorySeparator;
        }

        name.CopyTo(_pathBuffer.AsSpan(at));
        return _pathBuffer.AsSpan(0, length);
    }

    private struct Adapter<TVisitor>(DirectoryWalker walker, TVisitor user, byte[] directory, int depth) : IDirectoryEntryVisitor
        where TVisitor : struct, IWalkVisitor
    {
        public TVisitor User = user;
        public bool Stopped;

        public bool OnEntry(in DirectoryEntry entry)
        {
            ReadOnlySpan<byte> path = walker.Join(directory, entry.Name);
            DirectoryEntryKind kind = entry.Kind;
            DirectoryEntry resolved = entry;
            if (kind == DirectoryEntryKind.Unknown)
            {
                // Some file systems do not fill d_type: one stat tells, without following a link.
                FileStatus status;
                if (Os.StatAt(entry.DirectoryHandle, entry.Name, out status) != ErrorCodes.Success)
                {
                    walker.Vanished++;
                    return true;
                }

                kind = status.Kind;
                resolved = new DirectoryEntry(entry.Name, kind, entry.DirectoryHandle, hasStatus: true, status);
            }

            if (walker.MatchAll || WildcardPattern.IsMatch(walker.Pattern, entry.Name))
            {
                if (!User.OnMatch(path, resolved))
                {
                    Stopped = true;
                    return false;
                }
            }

            if (kind == DirectoryEntryKind.Directory && depth < walker.MaxDepth)
            {
                walker._pending.Push((path.ToArray(), depth + 1));
            }

            return true;
        }
    }
}
