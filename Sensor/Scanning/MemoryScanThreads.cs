using System.Globalization;
using Sensor.Platform;

namespace Sensor.Scanning;

/// <summary>
/// The threads one process's memory scan uses (mem_find_string; pid 0 scans each process on them in turn). Default:
/// two, or one on a one-core machine. <c>SENSOR_SCAN_THREADS</c> (1..<see cref="MaxThreads"/>) sets it: read here
/// for <c>sensor exec</c>, and as the configuration field <c>scan_threads</c> by the agent, which stores it in
/// <see cref="Configured"/> at start (as <c>state_dir</c> is). The performance mode (<see cref="ScanThrottle"/>)
/// brings it down to one.
/// </summary>
public static class MemoryScanThreads
{
    public const string EnvironmentVariable = "SENSOR_SCAN_THREADS";

    public const int MaxThreads = 16;

    /// <summary>Two threads, or one on a one-core machine.</summary>
    public static int Automatic => Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>The configured count (an invalid or absent <c>SENSOR_SCAN_THREADS</c> means <see cref="Automatic"/>).</summary>
    public static int Configured { get; set; } = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)) ?? Automatic;

    /// <summary>The threads a scan starting now uses: <see cref="Configured"/>, or one in the performance mode.</summary>
    public static int Current => ScanThrottle.Workers(Configured);

    /// <summary>A thread count from its text: 1..<see cref="MaxThreads"/> in plain decimal, else null.</summary>
    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= MaxThreads ? n : null;
}
