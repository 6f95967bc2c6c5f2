using System.Diagnostics;

namespace Sensor.Scanning;

/// <summary>
/// The limits of one process's scan, started when the scan begins: checked before each chunk in the same order by
/// <see cref="MemoryBlockReader"/> and by a <see cref="MemoryScanPlan"/>, so both stop at the same chunk for the same
/// reason; and before the further reads a fault causes (time only).
/// </summary>
public readonly struct ScanLimits(MemoryScanOptions options, CancellationToken cancellation)
{
    private readonly long _deadlineTimestamp = Stopwatch.GetTimestamp() + (long)(options.Deadline.TotalSeconds * Stopwatch.Frequency);

    /// <summary><see cref="ScanStopReason.Cancelled"/>, <see cref="ScanStopReason.Deadline"/>, or <see cref="ScanStopReason.Completed"/> while neither has come.</summary>
    public ScanStopReason CheckTime()
    {
        if (cancellation.IsCancellationRequested)
        {
            return ScanStopReason.Cancelled;
        }

        return Stopwatch.GetTimestamp() > _deadlineTimestamp ? ScanStopReason.Deadline : ScanStopReason.Completed;
    }

    /// <summary>
    /// Before a chunk at <paramref name="address"/>: the time (<see cref="CheckTime"/>), then the byte budget after
    /// <paramref name="bytesSoFar"/>; while neither stops the scan, the chunk's <paramref name="length"/>: the chunk
    /// size, cut at the budget and at <paramref name="regionEnd"/>.
    /// </summary>
    public ScanStopReason NextChunk(long bytesSoFar, ulong address, ulong regionEnd, out int length)
    {
        length = 0;
        ScanStopReason limit = CheckTime();
        if (limit != ScanStopReason.Completed)
        {
            return limit;
        }

        long budgetLeft = options.ByteBudget - bytesSoFar;
        if (budgetLeft <= 0)
        {
            return ScanStopReason.ByteBudget;
        }

        length = (int)Math.Min((ulong)Math.Min(options.ChunkSize, budgetLeft), regionEnd - address);
        return ScanStopReason.Completed;
    }
}
