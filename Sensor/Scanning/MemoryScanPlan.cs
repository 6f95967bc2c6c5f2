using Sensor.Platform;
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
    /// <summary>Holes remembered per process (each is a range a fault found unmapped); beyond it faults are counted each time.</summary>
    public const int MaxHoles = 1024;

    private readonly Lock _gate = new();
    private readonly List<MemoryRegion> _regions = [];
    private readonly Lock _faultGate = new();
    private readonly List<MemoryRegion> _relisted = [];   // the maps as last re-read after a fault
    private readonly List<(ulong Start, ulong End)> _holes = [];
    private MemoryScanOptions _options = MemoryScanOptions.Default;
    private ScanLimits _limits;
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
            _limits = new ScanLimits(options, cancellation);
            _regionIndex = -1;
            _nextAddress = 0;
            _lastLength = 0;
            _planned = 0;
            _sequence = 0;
            RegionsScanned = 0;
            StopReason = ScanStopReason.Completed;
            lock (_faultGate)
            {
                _holes.Clear();
            }

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

            ScanStopReason limit = _limits.NextChunk(_planned, _nextAddress, _regions[_regionIndex].EndAddress, out int length);
            if (limit != ScanStopReason.Completed)
            {
                return Finish(limit);
            }

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

    /// <summary>
    /// After a read fault at <paramref name="fault"/> in a unit: where reading can go on (<paramref name="resume"/>, in
    /// <paramref name="region"/>; <see cref="ulong.MaxValue"/> when nothing readable is listed after it) and whether
    /// the fault is one to count in the skipped regions. The one-thread reader counts a fault, re-reads the maps and
    /// jumps to the next memory still listed, so a region unmapped as a whole counts once however many chunks it had;
    /// here the first thread to fault in such a hole re-reads the maps and records the hole (the gap between the
    /// accepted regions now listed around the fault), and a fault in a recorded hole is not counted again. A fault in
    /// a page that is still listed (unreadable within a region) counts each time, as it does on one thread. Returns
    /// a reply error code (the maps could not be re-read: the process exited).
    /// </summary>
    public int ResolveFault(ulong fault, out ulong resume, out MemoryRegion region, out bool counted)
    {
        lock (_faultGate)
        {
            ulong from = MemoryBlockReader.PageAfter(fault);
            counted = true;
            foreach ((ulong start, ulong end) in _holes)
            {
                if (fault >= start && fault < end)
                {
                    counted = false;
                    from = Math.Max(from, end);
                    break;
                }
            }

            if (counted)
            {
                int error = Os.ListRegions(ProcessId, _relisted);
                if (error != 0)
                {
                    resume = ulong.MaxValue;
                    region = default;
                    return error;
                }
            }

            bool found = _options.FindNext(_relisted, from, out int index, out resume);
            region = found ? _relisted[index] : default;
            resume = found ? resume : ulong.MaxValue;
            if (counted && _holes.Count < MaxHoles)
            {
                // If nothing accepted is listed at the fault any more, the hole runs from the end of the accepted
                // memory listed before it to where reading resumes (the maps are sorted by address).
                bool covered = false;
                ulong holeStart = 0;
                foreach (MemoryRegion r in _relisted)
                {
                    if (_options.Accepts(r))
                    {
                        if (r.EndAddress <= fault)
                        {
                            holeStart = r.EndAddress;
                        }
                        else if (r.BaseAddress <= fault)
                        {
                            covered = true;
                        }
                    }
                }

                if (!covered)
                {
                    _holes.Add((holeStart, resume));
                }
            }

            return ErrorCodes.Success;
        }
    }

    /// <summary>
    /// The next accepted memory at or after <paramref name="from"/> in the maps as last re-read after a fault: where a
    /// unit goes on when the region it resumed in (after a fault) ends before the unit does.
    /// </summary>
    public bool FindNextListed(ulong from, out ulong start, out MemoryRegion region)
    {
        lock (_faultGate)
        {
            bool found = _options.FindNext(_relisted, from, out int index, out start);
            region = found ? _relisted[index] : default;
            return found;
        }
    }

    /// <summary>The scan's limits; its time, for the reads a thread adds after a fault.</summary>
    public ScanLimits Limits => _limits;

    private bool AdvanceRegion()
    {
        _lastLength = 0;
        bool entered = _options.TryAdvance(_regions, ref _regionIndex, out _nextAddress);
        RegionsScanned += entered ? 1 : 0;
        return entered;
    }

    private bool Finish(ScanStopReason reason)
    {
        StopReason = reason;
        _closed = true;
        return false;
    }
}
