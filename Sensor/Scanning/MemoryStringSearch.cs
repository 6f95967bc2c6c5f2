using Sensor.Platform.Processes;

namespace Sensor.Scanning;

/// <summary>
/// mem_find_string's engine: one pass of a <see cref="NeedleScanner"/> over every block of a process, each hit
/// turned into an absolute address. Holds one reader (one buffer) and one match list for all processes.
/// </summary>
public sealed class MemoryStringSearch : IDisposable
{
    private readonly List<NeedleMatch> _matches = [];

    public MemoryStringSearch(NeedleSet needles, NeedleScanner? scanner = null, MemoryBlockReader? reader = null)
    {
        Needles = needles;
        Scanner = scanner ?? NeedleScanner.Create(needles);
        Reader = reader ?? new MemoryBlockReader();
    }

    public NeedleSet Needles { get; }

    public NeedleScanner Scanner { get; }

    public MemoryBlockReader Reader { get; }

    /// <summary>
    /// Searches one process; appends at most <paramref name="maxHits"/> hits to <paramref name="hits"/> (which
    /// the caller clears). The reader's counters and stop reason describe the scan afterwards.
    /// </summary>
    public ScanStopReason SearchProcess(int processId, MemoryScanOptions options, int maxHits, List<StringHit> hits, CancellationToken cancellation = default)
    {
        if (Reader.Begin(processId, options, Needles.Overlap, cancellation) != 0)
        {
            return Reader.StopReason;
        }

        while (Reader.ReadNext(out MemoryBlock block))
        {
            _matches.Clear();
            bool more = Scanner.Scan(block.Bytes, block.CarriedBytes, _matches, maxHits - hits.Count);
            foreach (NeedleMatch m in _matches)
            {
                hits.Add(new StringHit(block.Address + (ulong)m.Offset, m.PatternIndex));
            }

            if (!more || hits.Count >= maxHits)
            {
                Reader.StopEarly(ScanStopReason.HitCap);
                break;
            }
        }

        return Reader.StopReason;
    }

    public void Dispose() => Reader.Dispose();
}
