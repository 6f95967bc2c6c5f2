namespace Sensor.Yara;

/// <summary>What the continuous scanner watches and how often.</summary>
public sealed class ContinuousScanOptions
{
    /// <summary>How often /proc is listed for new processes (until a process-event source exists).</summary>
    public TimeSpan ProcessPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the configured directories are scanned.</summary>
    public TimeSpan DirectoryInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Directories whose files are scanned on <see cref="DirectoryInterval"/>, with depth and name expression.</summary>
    public IReadOnlyList<(string Root, int Depth, string Expression)> Directories { get; init; } = [];

    /// <summary>Scan the processes already running when scanning starts (otherwise only those that appear later).</summary>
    public bool ScanExistingProcesses { get; init; } = true;

    /// <summary>Caps per scan; fewer threads than a task's, so the background work stays in the background.</summary>
    public YaraScanLimits Limits { get; init; } = new() { MaxConcurrentTargets = 1 };
}
