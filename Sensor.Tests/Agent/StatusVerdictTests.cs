using System.Text.Json;
using Sensor.Agent;

namespace Sensor.Tests.Agent;

public sealed class StatusVerdictTests
{
    private const long Now = 1_800_000_000_000;
    private const long Started = Now - 60_000;

    private static string Status(string state = "connected", string? lastError = null, long updated = Now - 100, long evicted = 0,
        long refused = 0, long queued = 0, long maxEvents = 100) => $$"""
        {"state":"{{state}}","pid":4242,"process_start_ms":{{Started}},"updated_ms":{{updated}},"ping_interval_ms":1000,
         "sid":"s","last_error":{{(lastError is null ? "null" : $"\"{lastError}\"")}},
         "queue":{"queued_events":{{queued}},"queued_bytes":0,"evicted_events":{{evicted}},"refused_events":{{refused}},"max_events":{{maxEvents}},"max_bytes":1000} }
        """;

    private static (int Exit, string Verdict, List<string> Reasons) Evaluate(string? json, long? processStart = Started)
    {
        using JsonDocument? document = json is null ? null : JsonDocument.Parse(json);
        return StatusVerdict.Evaluate(document?.RootElement, pid => pid == 4242 ? processStart : null, Now);
    }

    [Test]
    public void Evaluate_ConnectedAndFresh_Healthy()
    {
        var (exit, verdict, reasons) = Evaluate(Status());
        Assert.That((exit, verdict), Is.EqualTo((0, "healthy")));
        Assert.That(reasons, Is.Empty);
    }

    [TestCase("backoff", null, 0, 0, 0, "not connected to the server (state backoff)")]
    [TestCase("refused", null, 0, 0, 0, "state refused")]
    [TestCase("connected", "boom", 0, 0, 0, "last error: boom")]
    [TestCase("connected", null, 3, 0, 0, "lost 3 events")]
    [TestCase("connected", null, 0, 2, 0, "lost 2 events")]
    [TestCase("connected", null, 0, 0, 95, "over 90% full")]
    public void Evaluate_RunningButImpaired_Degraded(string state, string? error, long evicted, long refused, long queued, string reason)
    {
        var (exit, verdict, reasons) = Evaluate(Status(state, error, evicted: evicted, refused: refused, queued: queued));
        Assert.That((exit, verdict), Is.EqualTo((1, "degraded")));
        Assert.That(reasons, Has.Some.Contains(reason));
    }

    [Test]
    public void Evaluate_ConnectedButStatusStale_Degraded()
    {
        // Ping interval 1 s: three pings plus the slack is 13 s.
        Assert.That(Evaluate(Status(updated: Now - 12_000)).Exit, Is.Zero);
        var (exit, _, reasons) = Evaluate(Status(updated: Now - 14_000));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(reasons, Has.Some.Contains("last written 14 s ago"));
    }

    [Test]
    public void Evaluate_NoStatusFile_NotRunning() => Assert.That(Evaluate(null).Exit, Is.EqualTo(2));

    [Test]
    public void Evaluate_Stopped_NotRunning() => Assert.That(Evaluate(Status("stopped")).Reasons, Is.EqualTo(new[] { "the agent stopped" }));

    [Test]
    public void Evaluate_PidGone_NotRunning() => Assert.That(Evaluate(Status(), processStart: null).Exit, Is.EqualTo(2));

    [Test]
    public void Evaluate_PidReusedByAnotherProcess_NotRunning()
    {
        Assert.That(Evaluate(Status(), processStart: Started + 1_500).Exit, Is.Zero, "within the tolerance");
        var (exit, _, reasons) = Evaluate(Status(), processStart: Started + 60_000);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(reasons.Single(), Does.Contain("not the agent"));
    }
}
