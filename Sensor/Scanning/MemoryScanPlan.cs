using System.Diagnostics;
using Sensor.Platform.Processes;

namespace Sensor.Scanning;

/// <summary>
/// One process's scan split across threads: hands out the chunks <see cref="MemoryBlockReader"/> would read, in the
/// same order and with the same boundaries and overlaps (a region from its start in <see cref="MemoryScanOptions.ChunkSize"/>
/// steps), as <see cref="MemoryScanUnit"/>s numbered in address order. Each thread reads the units it takes with
/// its own <see cref="MemoryUnitReader"/>; a consumer that merges their results by <see cref="MemoryScanUnit.Sequence"/>
/// sees what one reader would have seen. The byte budget is applied as chunks are handed out (the budget's last
/// chunk is cut short, as the one-thread reader cuts its last read), so the threads together never read more.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="TryTake"/> is a short lock per chunk (1 MiB of reading and scanning), negligible next to
/// the work. The deadline and cancellation are checked before each chunk is handed out, as the one-thread reader checks
/// them before each read; <see cref="MemoryUnitReader"/> checks them again before the further reads a fault causes.
/// </remarks>
public sealed class MemoryScanPlan
{
    private readonly Lock _gate = new();
    private readonly List<MemoryRegion> _regions = [];
    private MemoryScanOptions _options = MemoryScanOptions.Default;
    private CancellationToken _cancellation;
    private long _deadlineTimestamp;
    private int _overlap;
    private int _regionIndex;
    private ulong _nextAddress;
    private int _lastLength;
    private long _planned;
    private int _sequence;
    private bool _closed;

    public int ProcessId { get; private set; }

    public MemoryScanOptions Options => _options;

    /// <summary>The bytes each unit carries over from the previous chunk of its region (at most).</summary>
    public int Overlap => _overlap;

    /// <summary>The process's regions as listed when the scan began (all of them, before filtering).</summary>
    public IReadOnlyList<MemoryRegion> Regions => _regions;

    /// <summary>Accepted regions entered so far.</summary>
    public int RegionsScanned { get; private set; }

    /// <summary>
    /// Why the plan stopped handing out units: <see cref="ScanStopReason.Completed"/> once every chunk was handed out
    /// (or after <see cref="Close"/>), else the limit that was reached first.
    /// </summary>
    public ScanStopReason StopReason { get; private set; }

    /// <summary>Lists the process's regions and starts handing out its chunks. Returns a reply error code.</summary>
    public int Begin(int processId, MemoryScanOptions options, int overlap, CancellationToken cancellation = default)
    {
        if (overlap < 0 || overlap > MemoryBlockReader.MaxOverlap)
        {
            throw new ArgumentOutOfRangeException(nameof(overlap));
        }

        lock (_gate)
        {
            ProcessId = processId;
            _options = options;
            _overlap = overlap;
            _cancellation = cancellation;
            _deadlineTimestamp = Stopwatch.GetTimestamp() + (long)(options.Deadline.TotalSeconds * Stopwatch.Frequency);
            _regionIndex = -1;
            _nextAddress = 0;
            _lastLength = 0;
            _planned = 0;
            _sequence = 0;
            RegionsScanned = 0;
            StopReason = ScanStopReason.Completed;
            int error = Os.ListRegions(processId, _regions);
            _closed = error != 0;
            return error;
        }
    }

    /// <summary>The next chunk in address order; false when there is none left to hand out (see <see cref="StopReason"/>).</summary>
    public bool TryTake(out MemoryScanUnit unit)
    {
        unit = default;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            // The same steps, in the same order, as MemoryBlockReader.ReadNext.
            int carried = 0;
            if (_regionIndex < 0 || _nextAddress >= _regions[_regionIndex].EndAddress)
            {
                if (!AdvanceRegion())
                {
                    return Finish(ScanStopReason.Completed);
                }
            }
            else if (_lastLength > _overlap)
            {
                carried = _overlap;
            }

            ScanStopReason limit = CheckTime();
            if (limit != ScanStopReason.Completed)
            {
                return Finish(limit);
            }

            long budgetLeft = _options.ByteBudget - _planned;
            if (budgetLeft <= 0)
            {
                return Finish(ScanStopReason.ByteBudget);
            }

            MemoryRegion region = _regions[_regionIndex];
            int length = (int)Math.Min((ulong)Math.Min(_options.ChunkSize, budgetLeft), region.EndAddress - _nextAddress);
            unit = new MemoryScanUnit(_sequence++, _regionIndex, _nextAddress, length, carried);
            _nextAddress += (ulong)length;
            _planned += length;
            _lastLength = carried + length;
            return true;
        }
    }

    /// <summary>
    /// Hands out no more units: a consumer has all it needs (its hit cap) or a unit failed in a way that ends the
    /// scan (the process exited). Units already taken are finished by their threads.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>Cancellation, then the deadline: <see cref="ScanStopReason.Completed"/> while neither has come.</summary>
    public ScanStopReason CheckTime()
    {
        if (_cancellation.IsCancellationRequested)
        {
            return ScanStopReason.Cancelled;
        }

        return Stopwatch.GetTimestamp() > _deadlineTimestamp ? ScanStopReason.Deadline : ScanStopReason.Completed;
    }

    private bool AdvanceRegion()
    {
        _lastLength = 0;
        while (++_regionIndex < _regions.Count)
        {
            MemoryRegion r = _regions[_regionIndex];
            if (_options.Accepts(r))
            {
                RegionsScanned++;
                _nextAddress = r.BaseAddress;
                return true;
            }
        }

        return false;
    }

    private bool Finish(ScanStopReason reason)
    {
        StopReason = reason;
        _closed = true;
        return false;
    }
}
