namespace Sensor.Scanning;

/// <summary>
/// mem_find_string's engine: one pass of a <see cref="NeedleScanner"/> over every block of a process, each hit
/// turned into an absolute address. On one thread it reads through one <see cref="MemoryBlockReader"/>; on more
/// (<see cref="Threads"/>) the process's chunks are shared out by a <see cref="MemoryScanPlan"/>
/// (MemoryStringSearch.Workers.cs) and the results merged so that the hits, the stop reason and the counters are
/// those of the one-thread scan. The readers, buffers, threads and lists are kept for every process of the search.
/// </summary>
public sealed partial class MemoryStringSearch : IDisposable
{
    private readonly List<NeedleMatch> _matches = [];
    private MemoryBlockReader? _reader;

    /// <param name="threads">Threads one process is scanned on (1 = the calling thread alone).</param>
    public MemoryStringSearch(NeedleSet needles, NeedleScanner? scanner = null, MemoryBlockReader? reader = null, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Needles = needles;
        Scanner = scanner ?? NeedleScanner.Create(needles);
        _reader = reader;
        Threads = threads;
    }

    public NeedleSet Needles { get; }

    /// <summary>The search kernel; it holds no state of a scan, so every thread shares it.</summary>
    public NeedleScanner Scanner { get; }

    /// <summary>The one-thread path's reader.</summary>
    public MemoryBlockReader Reader => _reader ??= new MemoryBlockReader();

    public int Threads { get; }

    /// <summary>After <see cref="SearchProcess"/>: the reply error code when it stopped with <see cref="ScanStopReason.ProcessError"/>.</summary>
    public int Error { get; private set; }

    /// <summary>After <see cref="SearchProcess"/>: regions that vanished or turned unreadable during the scan (read faults).</summary>
    public int RegionsSkipped { get; private set; }

    /// <summary>After <see cref="SearchProcess"/>: bytes read from the process (never more than the byte budget).</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Searches one process; appends at most <paramref name="maxHits"/> hits to <paramref name="hits"/> (which
    /// the caller clears), in address order as one reader meets them. <see cref="Error"/>,
    /// <see cref="RegionsSkipped"/> and <see cref="BytesRead"/> describe the scan afterwards.
    /// </summary>
    public ScanStopReason SearchProcess(int processId, MemoryScanOptions options, int maxHits, List<StringHit> hits, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHits, 1);
        return Threads == 1
            ? SearchOnOneThread(processId, options, maxHits, hits, cancellation)
            : SearchOnWorkers(processId, options, maxHits, hits, cancellation);
    }

    public void Dispose()
    {
        StopWorkers();
        _reader?.Dispose();
    }

    private ScanStopReason SearchOnOneThread(int processId, MemoryScanOptions options, int maxHits, List<StringHit> hits, CancellationToken cancellation)
    {
        MemoryBlockReader reader = Reader;
        if (reader.Begin(processId, options, Needles.Overlap, cancellation) == 0)
        {
            while (reader.ReadNext(out MemoryBlock block))
            {
                _matches.Clear();
                bool more = Scanner.Scan(block.Bytes, block.CarriedBytes, _matches, maxHits - hits.Count);
                foreach (NeedleMatch m in _matches)
                {
                    hits.Add(new StringHit(block.Address + (ulong)m.Offset, m.PatternIndex));
                }

                if (!more || hits.Count >= maxHits)
                {
                    reader.StopEarly(ScanStopReason.HitCap);
                    break;
                }
            }
        }

        Error = reader.Error;
        RegionsSkipped = reader.RegionsSkipped;
        BytesRead = reader.BytesRead;
        return reader.StopReason;
    }
}
