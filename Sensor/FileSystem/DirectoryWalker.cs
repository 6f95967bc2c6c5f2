using System.Runtime.ExceptionServices;
using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// The directory walk under dir_list, dir_find_hash and the YARA file scan. Depth-first over an explicit stack,
/// never following symbolic links (so a loop through links is impossible; a bind-mount loop ends at the depth limit
/// or at the OS's path-length limit). Directories that vanish or cannot be read are counted, not fatal.
/// </summary>
/// <remarks>
/// <para>Depth: 1 lists the entries of the root only (the reference's "single level" default); N lists N levels, as
/// <c>find ROOT -mindepth 1 -maxdepth N</c>.</para>
/// <para>Threads: with <see cref="Threads"/> &gt; 1, helper threads take directories from the same stack once there
/// are two to share (reading a directory is mostly kernel time, which two cores split). The visitor still runs on the
/// calling thread only, one entry at a time: helpers hand their matches over as records
/// (<see cref="MatchRecordChunk"/>), so visitors need no locking; the order of the entries is then not the
/// single-threaded one.</para>
/// </remarks>
public sealed partial class DirectoryWalker
{
    // Helper matches queued for the caller beyond this many chunks make helpers wait: bounded memory when the
    // visitor is slower than the walk.
    private const int MaxQueuedChunks = 64;

    private readonly object _gate = new();
    private readonly Stack<PendingDirectory> _pending = new();
    private readonly Queue<MatchRecordChunk> _ready = new();
    private readonly Stack<MatchRecordChunk> _spare = new();
    private readonly WildcardMatcher _matcher;
    private readonly WalkWorker _caller = new();
    private readonly List<WalkWorker> _helperWorkers = [];
    private int _busy;
    private int _activeHelpers;
    private volatile bool _stopped;
    private ExceptionDispatchInfo? _helperFailure;

    public DirectoryWalker(int maxDepth, ReadOnlySpan<byte> pattern)
    {
        MaxDepth = Math.Max(1, maxDepth);
        Pattern = pattern.ToArray();
        _matcher = new WildcardMatcher(pattern);
    }

    public int MaxDepth { get; }

    public byte[] Pattern { get; }

    /// <summary>Threads reading directories, the caller's included (1: the caller alone).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Stat every match that the listing did not come with a status for, so every entry a visitor sees has
    /// <see cref="DirectoryEntry.HasStatus"/> (matches that vanish before the stat are counted in
    /// <see cref="Vanished"/> and not visited). Needed with <see cref="Threads"/> &gt; 1 by visitors that report
    /// metadata, since a helper's directory handle is closed before its matches reach the visitor.
    /// </summary>
    public bool StatMatches { get; set; }

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
        _ready.Clear();
        _busy = 0;
        _stopped = false;
        _helperFailure = null;
        _caller.ResetCounts();
        Vanished = 0;
        Unreadable = 0;
        DirectoriesRead = 0;
        bool shared = false;
        try
        {
            Cancellation.ThrowIfCancellationRequested();
            int error = _caller.Read(this, new PendingDirectory(root.ToArray(), 1), ref visitor);
            if (error != ErrorCodes.Success)
            {
                return error;
            }

            PushFound(_caller);
            if (Threads <= 1)
            {
                WalkAlone(ref visitor);
            }
            else
            {
                shared = true;
                WalkShared(ref visitor);
            }
        }
        finally
        {
            if (shared)
            {
                StopHelpers();
            }

            Vanished += _caller.Vanished;
            Unreadable += _caller.Unreadable;
            DirectoriesRead += _caller.DirectoriesRead;
            foreach (WalkWorker worker in _helperWorkers)
            {
                Vanished += worker.Vanished;
                Unreadable += worker.Unreadable;
                DirectoriesRead += worker.DirectoriesRead;
            }

            _helperWorkers.Clear();
        }

        _helperFailure?.Throw();
        return ErrorCodes.Success;
    }

    private void WalkAlone<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IWalkVisitor
    {
        while (!_stopped && _pending.Count > 0)
        {
            Cancellation.ThrowIfCancellationRequested();
            _ = _caller.Read(this, _pending.Pop(), ref visitor);
            PushFound(_caller);
        }
    }

    private void WalkShared<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IWalkVisitor
    {
        var taken = new List<MatchRecordChunk>();
        bool helped = false;
        while (!_stopped)
        {
            Cancellation.ThrowIfCancellationRequested();
            if (!helped && _pending.Count >= 2)
            {
                // Until now the caller was alone on the stack: no lock needed to look at it.
                helped = true;
                StartHelpers();
            }

            PendingDirectory next = default;
            bool haveDirectory = false;
            lock (_gate)
            {
                while (true)
                {
                    if (_ready.Count > 0)
                    {
                        while (_ready.TryDequeue(out MatchRecordChunk? chunk))
                        {
                            taken.Add(chunk);
                        }

                        // Helpers waiting for room in the queue may go on.
                        Monitor.PulseAll(_gate);
                        break;
                    }

                    if (_stopped)
                    {
                        break;
                    }

                    if (_pending.Count > 0)
                    {
                        next = _pending.Pop();
                        haveDirectory = true;
                        _busy++;
                        break;
                    }

                    if (_busy == 0)
                    {
                        // Nothing queued, nothing being read, no matches waiting: the walk is complete.
                        return;
                    }

                    // A helper is reading a directory: wait for its subdirectories or its matches. The timeout only
                    // bounds how late a cancellation is seen.
                    _ = Monitor.Wait(_gate, 50);
                    Cancellation.ThrowIfCancellationRequested();
                }
            }

            if (taken.Count > 0)
            {
                bool go = Deliver(taken, ref visitor);
                lock (_gate)
                {
                    foreach (MatchRecordChunk chunk in taken)
                    {
                        chunk.Clear();
                        _spare.Push(chunk);
                    }
                }

                taken.Clear();
                if (!go)
                {
                    Stop();
                }
            }

            if (haveDirectory)
            {
                try
                {
                    if (!_stopped)
                    {
                        _ = _caller.Read(this, next, ref visitor);
                    }
                }
                finally
                {
                    lock (_gate)
                    {
                        PushFound(_caller);
                        _busy--;
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
    }

    /// <summary>Replays helper matches to the visitor; false when the visitor stopped the walk.</summary>
    private static bool Deliver<TVisitor>(List<MatchRecordChunk> chunks, ref TVisitor visitor)
        where TVisitor : struct, IWalkVisitor
    {
        foreach (MatchRecordChunk chunk in chunks)
        {
            int offset = 0;
            while (chunk.TryRead(ref offset, out ReadOnlySpan<byte> path, out int nameLength, out DirectoryEntryKind kind, out bool hasStatus, out FileStatus status))
            {
                // The directory the helper read is closed by now: no handle (StatMatches gave the status instead).
                var entry = new DirectoryEntry(path[^nameLength..], kind, -1, hasStatus, status);
                if (!visitor.OnMatch(path, entry))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void StartHelpers()
    {
        for (int i = 1; i < Threads; i++)
        {
            var worker = new WalkWorker();
            lock (_gate)
            {
                _helperWorkers.Add(worker);
                _activeHelpers++;
            }

            if (!HelperThreads.TryRun(() => HelperLoop(worker)))
            {
                // Every helper thread is busy with other tasks: this walk goes on with what it has.
                lock (_gate)
                {
                    _helperWorkers.Remove(worker);
                    _activeHelpers--;
                }

                return;
            }
        }
    }

    private void HelperLoop(WalkWorker worker)
    {
        var sink = new RecordSink(this, worker);
        // While a helper holds matches it has not queued yet, it counts as busy: the caller never sees a finished
        // walk with matches still in a helper's chunk. It queues them when its chunk is full or before it waits.
        bool holding = false;
        try
        {
            while (true)
            {
                PendingDirectory next;
                lock (_gate)
                {
                    if (worker.Found.Count > 0)
                    {
                        PushFound(worker);
                        Monitor.PulseAll(_gate);
                    }

                    if (_stopped)
                    {
                        return;
                    }

                    if (_pending.Count == 0)
                    {
                        sink.Flush();
                        if (holding)
                        {
                            holding = false;
                            _busy--;
                        }

                        Monitor.PulseAll(_gate);
                        while (!_stopped && _pending.Count == 0 && _busy > 0)
                        {
                            Monitor.Wait(_gate);
                        }

                        if (_stopped || _pending.Count == 0)
                        {
                            // Stopped, or nothing left and nobody reading who could add more: done.
                            return;
                        }
                    }

                    next = _pending.Pop();
                    if (!holding)
                    {
                        holding = true;
                        _busy++;
                    }
                }

                _ = worker.Read(this, next, ref sink);
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _helperFailure ??= ExceptionDispatchInfo.Capture(e);
                _stopped = true;
            }
        }
        finally
        {
            lock (_gate)
            {
                _activeHelpers--;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Stops the helpers and waits until none touches this walker any more.</summary>
    private void StopHelpers()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
            while (_activeHelpers > 0)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Moves the subdirectories a worker found onto the shared stack (under the gate when shared).</summary>
    private void PushFound(WalkWorker worker)
    {
        foreach (PendingDirectory directory in worker.Found)
        {
            _pending.Push(directory);
        }

        worker.Found.Clear();
    }

    /// <summary>A chunk for a helper's matches: a spare one, or a new one while few are in use.</summary>
    private MatchRecordChunk RentChunk()
    {
        lock (_gate)
        {
            return _spare.TryPop(out MatchRecordChunk? chunk) ? chunk : new MatchRecordChunk();
        }
    }

    /// <summary>Queues a helper's full chunk for the caller, waiting while the queue is at its bound.</summary>
    private void QueueChunk(MatchRecordChunk chunk)
    {
        while (_ready.Count >= MaxQueuedChunks && !_stopped)
        {
            Monitor.Wait(_gate);
        }

        _ready.Enqueue(chunk);
        Monitor.PulseAll(_gate);
    }

    private readonly record struct PendingDirectory(byte[] Path, int Depth);
}
