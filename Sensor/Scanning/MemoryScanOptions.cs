namespace Sensor.Scanning;

/// <summary>Limits and filters of one process's scan. Every limit that stops a scan is reported in the reply.</summary>
public sealed class MemoryScanOptions
{
    /// <summary>The bytes read per system call, and the size of the one reused buffer (plus the overlap).</summary>
    public int ChunkSize { get; init; } = 1 << 20;

    /// <summary>Wall-clock time allowed per process.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes read per process at most (default 16 GiB).</summary>
    public long ByteBudget { get; init; } = 16L << 30;

    /// <summary>Skip regions backed by a file (code and data of modules, mapped files): they can be scanned on disk.</summary>
    public bool SkipFileBacked { get; init; }

    /// <summary>Skip regions that are not writable (code, read-only data).</summary>
    public bool SkipNonWritable { get; init; }

    /// <summary>Skip regions larger than this (sparse reservations); 0 = no limit.</summary>
    public ulong MaxRegionSize { get; init; }

    public static MemoryScanOptions Default { get; } = new();

    public bool Accepts(in Platform.Processes.MemoryRegion region)
    {
        if (!region.IsReadable || region.Size == 0)
        {
            return false;
        }

        // Device and special mappings ([vvar], [vsyscall], /dev/...) fault or have side effects when read.
        if (region.FilePath.StartsWith("[vvar", StringComparison.Ordinal) || region.FilePath.StartsWith("[vsyscall", StringComparison.Ordinal)
            || region.FilePath.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return false;
        }

        return !(SkipFileBacked && region.IsFileBacked)
            && !(SkipNonWritable && !region.IsWritable)
            && !(MaxRegionSize != 0 && region.Size > MaxRegionSize);
    }

    /// <summary>
    /// Moves <paramref name="index"/> to the next accepted region of <paramref name="regions"/> and gives its start;
    /// false (index at <c>regions.Count</c>) when there is none. The region walk of every reader.
    /// </summary>
    public bool TryAdvance(IReadOnlyList<Platform.Processes.MemoryRegion> regions, ref int index, out ulong start)
    {
        while (++index < regions.Count)
        {
            if (Accepts(regions[index]))
            {
                start = regions[index].BaseAddress;
                return true;
            }
        }

        start = 0;
        return false;
    }

    /// <summary>
    /// The first region of <paramref name="regions"/> (sorted by address) that is accepted and ends after
    /// <paramref name="from"/>, and where to read it from: the later of its start and <paramref name="from"/>. Region
    /// starts are page-aligned, so with <c>from</c> the page after a fault this leaves the faulting page and goes on
    /// at the next page still listed.
    /// </summary>
    public bool FindNext(IReadOnlyList<Platform.Processes.MemoryRegion> regions, ulong from, out int index, out ulong start)
    {
        for (int k = 0; k < regions.Count; k++)
        {
            Platform.Processes.MemoryRegion r = regions[k];
            if (r.EndAddress > from && Accepts(r))
            {
                index = k;
                start = Math.Max(r.BaseAddress, from);
                return true;
            }
        }

        index = -1;
        start = 0;
        return false;
    }
}
