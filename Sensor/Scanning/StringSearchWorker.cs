namespace Sensor.Scanning;

/// <summary>
/// One thread of a multi-threaded <see cref="MemoryStringSearch"/>: takes units from the plan until none is left,
/// reads each with its own <see cref="MemoryUnitReader"/>, scans it and keeps the hits and a
/// <see cref="StringSearchSegment"/> per unit for the merge. Its lists are reused for every process.
/// </summary>
public sealed class StringSearchWorker : IDisposable
{
    private readonly List<NeedleMatch> _matches = [];

    public MemoryUnitReader Reader { get; } = new();

    /// <summary>This thread's hits of the current process, unit after unit (the units in increasing sequence).</summary>
    public List<StringHit> Hits { get; } = [];

    /// <summary>The units of the current process with hits, faults or an early end, in increasing sequence.</summary>
    public List<StringSearchSegment> Segments { get; } = [];

    public void Clear()
    {
        Hits.Clear();
        Segments.Clear();
    }

    /// <summary>
    /// Scans units of <paramref name="plan"/> until it has none left, opening the process first unless the caller
    /// has (the caller closes <see cref="Reader"/> after the process). Each unit keeps at most
    /// <paramref name="maxHits"/> hits (any unit may be the one the merge ends in); <paramref name="countHits"/> is
    /// told each unit's count and closes the plan once the units taken hold enough.
    /// </summary>
    public void Run(MemoryScanPlan plan, NeedleScanner scanner, int maxHits, Action<int> countHits)
    {
        while (plan.TryTake(out MemoryScanUnit unit))
        {
            if (!Reader.IsOpen)
            {
                int error = Reader.Open(plan.ProcessId);
                if (error != 0)
                {
                    // The process went between the maps read and this thread's first unit.
                    Segments.Add(new StringSearchSegment(unit.Sequence, Hits.Count, 0, 0, ScanStopReason.ProcessError, error));
                    plan.Close();
                    return;
                }
            }

            int start = Hits.Count;
            Reader.BeginUnit(plan, unit);
            while (Reader.ReadNext(out MemoryBlock block))
            {
                _matches.Clear();
                bool more = scanner.Scan(block.Bytes, block.CarriedBytes, _matches, maxHits - (Hits.Count - start));
                foreach (NeedleMatch m in _matches)
                {
                    Hits.Add(new StringHit(block.Address + (ulong)m.Offset, m.PatternIndex));
                }

                if (!more)
                {
                    break;
                }
            }

            int count = Hits.Count - start;
            if (count > 0 || Reader.RegionsSkipped > 0 || Reader.StopReason != ScanStopReason.Completed)
            {
                Segments.Add(new StringSearchSegment(unit.Sequence, start, count, Reader.RegionsSkipped, Reader.StopReason, Reader.Error));
            }

            if (count > 0)
            {
                countHits(count);
            }

            if (Reader.StopReason != ScanStopReason.Completed)
            {
                // The process exited, or the deadline or a cancellation came: no other unit needs reading.
                plan.Close();
                return;
            }
        }
    }

    public void Dispose() => Reader.Dispose();
}
