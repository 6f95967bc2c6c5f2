using System.Text.Json;

namespace Sensor.Agent;

/// <summary>
/// What <c>sensor status</c> concludes from the status file the agent keeps (docs/configuration.md, "Status"):
/// exit 0 healthy, 1 degraded, 2 not running. Pure: the file's JSON, whether its process lives, and the time.
/// </summary>
public static class StatusVerdict
{
    public const int Healthy = 0, Degraded = 1, NotRunning = 2;

    /// <summary>A process whose start time differs from the one recorded by more than this is another process.</summary>
    public const long StartTimeToleranceMs = 2_000;

    /// <summary>The status is rewritten at every ping while connected; older than 3 pings plus this is stale.</summary>
    public const long StaleSlackMs = 10_000;

    /// <summary>A queue this full (of either bound) is about to evict.</summary>
    public const double QueueNearlyFull = 0.9;

    /// <param name="status">the status file's root, null when there is none.</param>
    /// <param name="processStartMs">the start time (Unix ms) of the process with that pid, null when none lives.</param>
    public static (int Exit, string Verdict, List<string> Reasons) Evaluate(JsonElement? status, Func<int, long?> processStartMs, long nowMs)
    {
        var reasons = new List<string>();
        if (status is not { } root)
        {
            reasons.Add("no status file: the agent has not run with this state directory");
            return (NotRunning, "not_running", reasons);
        }

        string state = Text(root, "state") ?? "unknown";
        int pid = root.TryGetProperty("pid", out JsonElement p) && p.TryGetInt32(out int n) ? n : 0;
        long? started = pid > 0 ? processStartMs(pid) : null;
        if (state == "stopped")
        {
            reasons.Add("the agent stopped");
        }
        else if (started is null)
        {
            reasons.Add($"no process {pid}: the agent ended without writing its final status");
        }
        else if (Number(root, "process_start_ms") is { } recorded && Math.Abs(recorded - started.Value) > StartTimeToleranceMs)
        {
            reasons.Add($"process {pid} is not the agent that wrote the status (it started at another time)");
        }

        if (reasons.Count > 0)
        {
            return (NotRunning, "not_running", reasons);
        }

        if (state != "connected")
        {
            reasons.Add($"not connected to the server (state {state})");
        }

        if (Text(root, "last_error") is { } error)
        {
            reasons.Add($"last error: {error}");
        }

        long pingMs = Number(root, "ping_interval_ms") ?? 30_000;
        if (Number(root, "updated_ms") is { } updated && state == "connected" && nowMs - updated > (3 * pingMs) + StaleSlackMs)
        {
            reasons.Add($"the status was last written {(nowMs - updated) / 1000} s ago: the agent may be stuck");
        }

        if (root.TryGetProperty("queue", out JsonElement queue))
        {
            long lost = (Number(queue, "evicted_events") ?? 0) + (Number(queue, "refused_events") ?? 0);
            if (lost > 0)
            {
                reasons.Add($"the outbound queue lost {lost} events since the agent started");
            }

            if (Fill(queue, "queued_events", "max_events") >= QueueNearlyFull || Fill(queue, "queued_bytes", "max_bytes") >= QueueNearlyFull)
            {
                reasons.Add("the outbound queue is over 90% full");
            }
        }

        return reasons.Count == 0 ? (Healthy, "healthy", reasons) : (Degraded, "degraded", reasons);
    }

    private static double Fill(JsonElement queue, string used, string max) =>
        Number(queue, max) is long m && m > 0 ? (double)(Number(queue, used) ?? 0) / m : 0;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : null;
}
