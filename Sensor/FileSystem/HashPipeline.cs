using System.Buffers;
using System.Runtime.ExceptionServices;
using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// Hashes files on worker threads while they are still being found: a walk <see cref="Add"/>s each file as it meets
/// it, so hashing starts with the first file instead of after the last directory, and the walk's own time overlaps
/// with the hashing. The queue between them is bounded (the walk waits when the workers fall behind), and only the
/// results <c>keep</c> accepts are held, so memory does not grow with the tree.
/// </summary>
/// <remarks>
/// Workers are dedicated threads (not the thread pool, which adds blocking threads too slowly for a cold tree),
/// each with one pooled buffer for its life. They are started one by one, each by the one before, so the producer pays
/// for one thread start and not for all of them (a thread start waits until the new thread runs).
/// </remarks>
public sealed class HashPipeline
{
    private const int WorkerBufferSize = 256 * 1024;
    private const int MaxQueued = 4096;

    private readonly object _gate = new();
    private readonly Queue<byte[]> _queue = new();
    private readonly List<HashedFile> _kept = [];
    private readonly Func<int, byte[], bool> _keep;
    private readonly CancellationToken _cancellation;
    private readonly int _workers;
    private readonly bool _background;
    private long _hashed;
    private int _started;
    private int _running;
    private bool _completed;
    private ExceptionDispatchInfo? _failure;

    /// <param name="workers">Threads at most (fewer when there are fewer files).</param>
    /// <param name="keep">
    /// Which results to hold for <see cref="Complete"/>, from the error and the hash (the array is reused after the
    /// call); null holds all.
    /// </param>
    /// <param name="cancellation">Stops the workers between files (and inside big ones).</param>
    public HashPipeline(int workers, Func<int, byte[], bool>? keep, CancellationToken cancellation)
    {
        // The performance mode (set_performance_mode) is read once: a run keeps the concurrency it started with.
        _background = ScanThrottle.IsEnabled;
        _workers = ScanThrottle.Workers(workers);
        _keep = keep ?? (static (_, _) => true);
        _cancellation = cancellation;
    }

    /// <summary>Files hashed so far, whatever their result.</summary>
    public long Hashed => Interlocked.Read(ref _hashed);

    /// <summary>Queues one file; waits while the queue is full. The array is kept, not copied.</summary>
    public void Add(byte[] path)
    {
        bool start = false;
        lock (_gate)
        {
            while (_queue.Count >= MaxQueued && _failure is null)
            {
                Monitor.Wait(_gate, 100);
                _cancellation.ThrowIfCancellationRequested();
            }

            _queue.Enqueue(path);
            Monitor.Pulse(_gate);
            if (_started == 0)
            {
                _started = 1;
                _running = 1;
                start = true;
            }
        }

        if (start)
        {
            StartWorker();
        }
    }

    /// <summary>No more files: waits for the workers and returns the results kept, in no particular order.</summary>
    public List<HashedFile> Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
            while (_running > 0)
            {
                Monitor.Wait(_gate);
            }
        }

        _cancellation.ThrowIfCancellationRequested();
        _failure?.Throw();
        return _kept;
    }

    /// <summary>Starts a worker already counted in <see cref="_running"/>; uncounts it if the thread cannot start.</summary>
    private void StartWorker()
    {
        try
        {
            var thread = new Thread(Work, maxStackSize: 256 * 1024) { IsBackground = true, Name = "hash-worker" };
            thread.Start();
        }
        catch (Exception e) when (e is OutOfMemoryException or ThreadStartException)
        {
            lock (_gate)
            {
                _running--;
                _failure ??= ExceptionDispatchInfo.Capture(e);
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Work()
    {
        byte[]? buffer = null;
        try
        {
            if (_background)
            {
                Os.SetCurrentThreadBackground(true);
            }

            // The next worker, if there is work for it: started here so the producer does not wait for it.
            bool another = false;
            lock (_gate)
            {
                if (_started < _workers && (_queue.Count > 1 || !_completed))
                {
                    _started++;
                    _running++;
                    another = true;
                }
            }

            if (another)
            {
                StartWorker();
            }

            // Pooled: the workers of the next task reuse it (a new 256 KiB array is a large-object allocation, and
            // its pages are faulted in again every time).
            buffer = ArrayPool<byte>.Shared.Rent(WorkerBufferSize);
            byte[] hash = new byte[32];
            while (!_cancellation.IsCancellationRequested)
            {
                byte[] path;
                lock (_gate)
                {
                    while (_queue.Count == 0 && !_completed)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (!_queue.TryDequeue(out path!))
                    {
                        return;
                    }

                    if (_queue.Count == MaxQueued - 1)
                    {
                        // The producer may be waiting for room.
                        Monitor.PulseAll(_gate);
                    }
                }

                int error = FileHasher.HashFile(path, hash, out FileStatus status, buffer, _cancellation, HashReadMode.Plain);
                Interlocked.Increment(ref _hashed);
                if (_keep(error, hash))
                {
                    lock (_gate)
                    {
                        _kept.Add(new HashedFile(path, error, status, hash));
                    }

                    hash = new byte[32];
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Seen by Complete through the token.
        }
        catch (Exception e)
        {
            // Complete rethrows it on the producer's thread; this thread must not take the process down.
            lock (_gate)
            {
                _failure ??= ExceptionDispatchInfo.Capture(e);
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            lock (_gate)
            {
                _running--;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
