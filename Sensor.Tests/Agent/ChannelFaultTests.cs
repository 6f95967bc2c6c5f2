using System.Text.Json;
using Sensor.Server;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

/// <summary>Real processes: the built <c>sensor run</c> agent and a <c>sensor-server run</c> that is killed mid-reply.</summary>
[Platform("Linux")]
[NonParallelizable]
public sealed class ChannelFaultTests
{
    private ProcessChannelBed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ProcessChannelBed("sensor-fault-");

    [TearDown]
    public void TearDown() => _bed.Dispose();

    [Test]
    public async Task ServerKilledMidReplyAndRestarted_ReplyStoredOnceAndFileDelNotRunTwice()
    {
        ServerDirectory server = _bed.Server;
        string listen = _bed.Listen, config = _bed.AgentConfig;

        // First server: dies right after writing the second event (the file_del reply) and before acknowledging it,
        // and never records task acknowledgements (as if it died before doing so), so it will send the task again.
        var faults = new Dictionary<string, string> { ["SENSOR_SERVER_FAULT"] = "crash-after-events=2,ignore-task-acks" };
        using var first = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen], faults);
        using var agent = ProcessRunner.Start("sensor.dll", ["run", "--config", config]);
        await ChannelTestBed.WaitUntilAsync(() => server.Sensors().Any(), "enrollment", 60);
        string sid = server.Sensors().Single().Sid;

        string victim = Path.Combine(_bed.Root, "victim.txt");
        File.WriteAllText(victim, "delete me once");
        var (exit, output) = ProcessRunner.Run("sensor-server.dll", "task", server.Root, sid, "--investigation", "case/7/a", "--", "file_del", victim);
        Assert.That(exit, Is.Zero, output);

        await ChannelTestBed.WaitUntilAsync(() => first.Process.HasExited, "the injected crash", 60);
        Assert.That(File.Exists(victim), Is.False, "file_del ran once");
        Assert.That(_bed.Events().Count(e => ProcessChannelBed.EventType(e) == "FILE_DEL_REP"), Is.EqualTo(1));
        File.WriteAllText(victim, "a second run of the task would delete this");

        using var second = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen]);
        // The task is sent again; the sensor acknowledges it without running it, and the second server records that.
        await ChannelTestBed.WaitUntilAsync(() => !server.PendingTasks(sid).Any(), "the resent task's acknowledgement", 60);
        await ChannelTestBed.WaitUntilAsync(() => _bed.Status().GetProperty("tasks_duplicate").GetInt64() == 1, "the duplicate in the status", 30);
        await ChannelTestBed.WaitUntilAsync(() => _bed.Status().GetProperty("queue").GetProperty("queued_events").GetInt64() == 0, "all events acknowledged", 30);

        List<JsonElement> events = _bed.Events();
        JsonElement reply = events.Single(e => ProcessChannelBed.EventType(e) == "FILE_DEL_REP");
        Assert.That(events.Count(e => ProcessChannelBed.EventType(e) == "CLOUD_NOTIFICATION"), Is.EqualTo(1));
        Assert.That(reply.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString(), Is.EqualTo("case/7/a"));
        Assert.That(reply.GetProperty("data").GetProperty("event").GetProperty("FILE_PATH").GetString(), Is.EqualTo(victim));
        Assert.That(reply.GetProperty("data").GetProperty("event").GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(File.Exists(victim), Is.True, "file_del must not run twice");

        JsonElement status = _bed.Status();
        Assert.That(status.GetProperty("sid").GetString(), Is.EqualTo(sid));
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("connected"));
        Assert.That(status.GetProperty("pins")[0].GetString(), Is.EqualTo(_bed.Pin.ToString()));
    }
}
