using Sensor.Platform;

namespace Sensor.FileSystem;

public sealed partial class DirectoryWalker
{
    /// <summary>What one walking thread owns: its path buffer, the subdirectories of the directory it reads, its counts.</summary>
    private sealed class WalkWorker
    {
        private byte[] _path = new byte[4096];
        private int _prefix;

        public List<PendingDirectory> Found { get; } = [];

        /// <summary>A helper's matches not yet handed to the caller.</summary>
        public MatchRecordChunk? Chunk { get; set; }

        public long Vanished { get; set; }

        public long Unreadable { get; private set; }

        public long DirectoriesRead { get; private set; }

        public void ResetCounts()
        {
            Vanished = 0;
            Unreadable = 0;
            DirectoriesRead = 0;
            Found.Clear();
        }

        /// <summary>Reads one directory into <paramref name="sink"/>; returns its error (counted unless it is the root).</summary>
        public int Read<TSink>(DirectoryWalker walker, PendingDirectory directory, ref TSink sink)
            where TSink : struct, IWalkVisitor
        {
            SetPrefix(directory.Path);
            var adapter = new Adapter<TSink>(walker, this, sink, directory.Depth);
            int error = Os.EnumerateDirectory(directory.Path, ref adapter);
            sink = adapter.Sink;
            DirectoriesRead++;
            // Depth 1 is the root alone: its error is the walk's result, not a count.
            if (error != ErrorCodes.Success && directory.Depth > 1)
            {
                if (error is ErrorCodes.FileNotFound or ErrorCodes.PathNotFound)
                {
                    Vanished++;
                }
                else
                {
                    Unreadable++;
                }
            }

            return error;
        }

        /// <summary>Puts the directory and a separator at the start of the path buffer, once per directory.</summary>
        private void SetPrefix(ReadOnlySpan<byte> directory)
        {
            bool rootIsSeparator = directory.Length == 1 && directory[0] == Os.DirectorySeparator;
            _prefix = directory.Length + (rootIsSeparator ? 0 : 1);
            Grow(_prefix + 256);
            directory.CopyTo(_path);
            if (!rootIsSeparator)
            {
                _path[directory.Length] = Os.DirectorySeparator;
            }
        }

        /// <summary>The directory's path + separator + <paramref name="name"/>, valid until the next call.</summary>
        public ReadOnlySpan<byte> Join(ReadOnlySpan<byte> name)
        {
            int length = _prefix + name.Length;
            Grow(length);
            name.CopyTo(_path.AsSpan(_prefix));
            return _path.AsSpan(0, length);
        }

        private void Grow(int length)
        {
            if (_path.Length < length)
            {
                Array.Resize(ref _path, Math.Max(length, _path.Length * 2));
            }
        }
    }

    /// <summary>Turns one directory's entries into matches for the sink and subdirectories for the stack.</summary>
    private struct Adapter<TSink>(DirectoryWalker walker, WalkWorker worker, TSink sink, int depth) : IDirectoryEntryVisitor
        where TSink : struct, IWalkVisitor
    {
        public TSink Sink = sink;

        public bool OnEntry(in DirectoryEntry entry)
        {
            if (walker._stopped)
            {
                return false;
            }

            DirectoryEntryKind kind = entry.Kind;
            bool descend = depth < walker.MaxDepth;
            bool match = walker._matcher.IsMatch(entry.Name);
            if (!match && !(descend && kind is DirectoryEntryKind.Directory or DirectoryEntryKind.Unknown))
            {
                return true;
            }

            DirectoryEntry resolved = entry;
            // Some file systems do not fill d_type: one stat tells, without following a link. Matches get one when
            // the visitor reports metadata.
            if (kind == DirectoryEntryKind.Unknown || (match && walker.StatMatches && !entry.HasStatus))
            {
                if (Os.StatAt(entry.DirectoryHandle, entry.Name, out FileStatus status) != ErrorCodes.Success)
                {
                    // Gone between the listing and the stat: counted, not listed.
                    worker.Vanished++;
                    return true;
                }

                kind = status.Kind;
                resolved = new DirectoryEntry(entry.Name, kind, entry.DirectoryHandle, hasStatus: true, status);
            }

            ReadOnlySpan<byte> path = worker.Join(entry.Name);
            if (match && !Sink.OnMatch(path, resolved))
            {
                walker.Stop();
                return false;
            }

            if (kind == DirectoryEntryKind.Directory && descend)
            {
                worker.Found.Add(new PendingDirectory(path.ToArray(), depth + 1));
            }

            return true;
        }
    }

    /// <summary>A helper's visitor: appends each match to the helper's chunk for the caller to replay.</summary>
    private readonly struct RecordSink(DirectoryWalker walker, WalkWorker worker) : IWalkVisitor
    {
        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            worker.Chunk ??= walker.RentChunk();
            if (!worker.Chunk.TryAppend(path, entry))
            {
                lock (walker._gate)
                {
                    walker.QueueChunk(worker.Chunk);
                }

                worker.Chunk = walker.RentChunk();
                _ = worker.Chunk.TryAppend(path, entry);
            }

            return !walker._stopped;
        }

        /// <summary>Queues what the helper holds; called under the gate.</summary>
        public void Flush()
        {
            if (worker.Chunk is { Length: > 0 } chunk)
            {
                walker.QueueChunk(chunk);
                worker.Chunk = null;
            }
        }
    }
}
