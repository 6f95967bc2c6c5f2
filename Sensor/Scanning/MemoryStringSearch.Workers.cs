using System.Runtime.ExceptionServices;

namespace Sensor.Scanning;

/// <summary>
/// The multi-threaded path: one process's chunks shared out among <see cref="Threads"/> threads (the calling thread
/// and <c>Threads - 1</c> helper threads started on the first such scan and kept until <see cref="Dispose"/>), each
/// with its own reader and buffer; then the threads' results merged in chunk order.
/// </summary>
/// <remarks>
/// Why the reply is the one-thread reply: the plan hands out exactly the chunks the one-thread reader reads, with the
/// same overlaps, so each chunk's block, and the scanner's matches in it (same order), are the same; the merge
/// concatenates them in chunk order and applies the hit cap there, as the one-thread loop does block by block. A
/// chunk that ended the scan early (the process exited, the deadline) ends the merge after its hits, as it ends the
/// one-thread scan; what other threads found beyond it is dropped. A match straddling two chunks lies whole in the
/// later one (its overlap) and is kept only there (the scanner reports only matches ending past the overlap).
/// Bounded: the threads stop taking chunks once the chunks finished hold <c>maxHits</c> hits, and each chunk keeps at
/// most <c>maxHits</c>, so the threads together hold fewer than <c>(Threads + 1) * maxHits</c> hits.
/// </remarks>
public sealed partial class MemoryStringSearch
{
    private StringSearchWorker[]? _workers;
    private Thread[]? _threads;
    private SemaphoreSlim[]? _go;
    private CountdownEvent? _done;
    private MemoryScanPlan? _plan;
    private Action<int>? _countHits;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _stopping;
    private int _maxHits;
    private int _hitsFound;

    private ScanStopReason SearchOnWorkers(int processId, MemoryScanOptions options, int maxHits, List<StringHit> hits, CancellationToken cancellation)
    {
        StartWorkers();
        MemoryScanPlan plan = _plan!;
        StringSearchWorker[] workers = _workers!;
        Error = 0;
        RegionsSkipped = 0;
        BytesRead = 0;

        // As MemoryBlockReader.Begin: the maps, then the memory, either failing being the process's error.
        int error = plan.Begin(processId, options, Needles.Overlap, cancellation);
        if (error == 0)
        {
            error = workers[0].Reader.Open(processId);
        }

        if (error != 0)
        {
            Error = error;
            return ScanStopReason.ProcessError;
        }

        foreach (StringSearchWorker worker in workers)
        {
            worker.Clear();
        }

        _maxHits = maxHits;
        _hitsFound = 0;
        _failure = null;
        _done!.Reset(_threads!.Length);
        foreach (SemaphoreSlim go in _go!)
        {
            go.Release();
        }

        try
        {
            workers[0].Run(plan, Scanner, maxHits, _countHits!);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            plan.Close();
        }
        finally
        {
            // The helpers use the plan and their buffers until they signal: wait even when this thread failed.
            _done.Wait();
            foreach (StringSearchWorker worker in workers)
            {
                BytesRead += worker.Reader.BytesRead;
                worker.Reader.Close();
            }
        }

        _failure?.Throw();
        return Merge(workers, plan, maxHits, hits);
    }

    /// <summary>
    /// Concatenates the threads' hits in chunk order, as the one-thread scan meets them, up to the hit cap or the
    /// first chunk that ended the scan early; then the plan's own stop reason (the limit that ended handing out).
    /// </summary>
    private ScanStopReason Merge(StringSearchWorker[] workers, MemoryScanPlan plan, int maxHits, List<StringHit> hits)
    {
        // Each thread's segments are in increasing sequence (a thread takes units in order): a k-way merge.
        Span<int> next = stackalloc int[workers.Length];
        next.Clear();
        while (true)
        {
            int pick = -1;
            int lowest = int.MaxValue;
            for (int w = 0; w < workers.Length; w++)
            {
                List<StringSearchSegment> segments = workers[w].Segments;
                if (next[w] < segments.Count && segments[next[w]].Sequence < lowest)
                {
                    lowest = segments[next[w]].Sequence;
                    pick = w;
                }
            }

            if (pick < 0)
            {
                return plan.StopReason;
            }

            StringSearchWorker worker = workers[pick];
            StringSearchSegment segment = worker.Segments[next[pick]++];
            RegionsSkipped += segment.RegionsSkipped;
            int take = Math.Min(segment.HitCount, maxHits - hits.Count);
            for (int i = 0; i < take; i++)
            {
                hits.Add(worker.Hits[segment.HitStart + i]);
            }

            if (hits.Count >= maxHits)
            {
                return ScanStopReason.HitCap;
            }

            if (segment.StopReason != ScanStopReason.Completed)
            {
                Error = segment.Error;
                return segment.StopReason;
            }
        }
    }

    private void CountHits(int count)
    {
        if (Interlocked.Add(ref _hitsFound, count) >= _maxHits)
        {
            // The units already taken hold the cap's worth: no later unit can be among the hits kept.
            _plan!.Close();
        }
    }

    private void StartWorkers()
    {
        if (_workers is not null)
        {
            return;
        }

        _plan = new MemoryScanPlan();
        _countHits = CountHits;
        _workers = new StringSearchWorker[Threads];
        for (int w = 0; w < Threads; w++)
        {
            _workers[w] = new StringSearchWorker();
        }

        _threads = new Thread[Threads - 1];
        _go = new SemaphoreSlim[Threads - 1];
        _done = new CountdownEvent(Threads - 1);
        for (int t = 0; t < _threads.Length; t++)
        {
            int index = t;
            _go[t] = new SemaphoreSlim(0, 1);
            _threads[t] = new Thread(() => HelperLoop(index), maxStackSize: 256 * 1024) { IsBackground = true, Name = "scan-worker" };
            _threads[t].Start();
        }
    }

    private void HelperLoop(int index)
    {
        StringSearchWorker worker = _workers![index + 1];
        while (true)
        {
            _go![index].Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                worker.Run(_plan!, Scanner, _maxHits, _countHits!);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                _plan!.Close();
            }
            finally
            {
                _done!.Signal();
            }
        }
    }

    private void StopWorkers()
    {
        if (_threads is null)
        {
            return;
        }

        _stopping = true;
        foreach (SemaphoreSlim go in _go!)
        {
            go.Release();
        }

        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        foreach (StringSearchWorker worker in _workers!)
        {
            worker.Dispose();
        }

        foreach (SemaphoreSlim go in _go!)
        {
            go.Dispose();
        }

        _done!.Dispose();
        _threads = null;
    }
}
