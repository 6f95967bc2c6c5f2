namespace Sensor.Yara;

/// <summary>The caps of one yara_scan task (docs/commands.md, yara_scan). Each one that bites is named in the completion.</summary>
public sealed class YaraScanLimits
{
    /// <summary>Seconds per target (process or file), enforced by libyara and by the memory reader.</summary>
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>Bytes of one process's memory read at most.</summary>
    public long ByteBudgetPerProcess { get; init; } = 16L << 30;

    /// <summary>Matching rules reported per target at most.</summary>
    public int MaxHitsPerTarget { get; init; } = 100;

    /// <summary>Files larger than this are skipped (counted in SKIPPED_COUNT).</summary>
    public long MaxFileSize { get; init; } = 1L << 30;

    /// <summary>Files taken from a --root-dir walk at most.</summary>
    public int MaxFiles { get; init; } = 250_000;

    /// <summary>Targets scanned at once (one thread, one scanner and one read buffer each).</summary>
    public int MaxConcurrentTargets { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Bytes of process memory per block handed to libyara. Blocks do not overlap (libyara cannot drop a match seen
    /// twice, and counts would change), so a string straddling two blocks of one region is not found, as with yara's
    /// own 1 GiB process chunks; regions up to this size are one block each.
    /// </summary>
    public int MemoryBlockSize { get; init; } = 16 << 20;

    public static YaraScanLimits Default { get; } = new();
}
