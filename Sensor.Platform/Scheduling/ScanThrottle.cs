namespace Sensor.Platform;

/// <summary>
/// The sensor-wide performance mode (set_performance_mode): while it is on, every parallel scan (yara_scan targets,
/// dir_find_hash's hashing threads, netstat's descriptor walk, mem_find_string's threads per process) runs on <see cref="ReducedWorkers"/> threads and scan
/// threads run in the background scheduling class (<see cref="ISchedulingHost"/>). It lives in the contract because
/// platform code (netstat's walk) sizes its own thread pools from it. Read once at the start of each scan: a scan
/// already running keeps the concurrency it started with.
/// </summary>
public static class ScanThrottle
{
    /// <summary>Threads a parallel scan uses while the performance mode is on.</summary>
    public const int ReducedWorkers = 1;

    private static volatile bool s_enabled;

    /// <summary>True while the performance mode is on.</summary>
    public static bool IsEnabled
    {
        get => s_enabled;
        set => s_enabled = value;
    }

    /// <summary>The threads a scan that would use <paramref name="normal"/> threads uses now.</summary>
    public static int Workers(int normal) => s_enabled ? Math.Min(ReducedWorkers, Math.Max(1, normal)) : Math.Max(1, normal);
}
