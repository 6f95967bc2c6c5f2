using System.Text.Json;
using Sensor.Server;
using Sensor.Tests.Support;

namespace Sensor.Tests.Server;

/// <summary>
/// "An event is never acknowledged before it is on disk": a real <c>sensor-server run</c> receives an event, is held
/// before writing it (<c>SENSOR_SERVER_FAULT=hold-before-write=N</c>) and is killed with SIGKILL there; a restarted
/// server gets the event again from the real <c>sensor run</c> agent and writes it exactly once.
/// </summary>
[Platform("Linux")]
[NonParallelizable]
public sealed class ChannelServerKillTests
{
    private ProcessChannelBed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ProcessChannelBed("sensor-kill-");

    [TearDown]
    public void TearDown() => _bed.Dispose();

    [Test]
    public async Task ServerKilledBetweenReceiptAndWrite_EventResentAndOnDiskExactlyOnce()
    {
        ServerDirectory server = _bed.Server;
        string listen = _bed.Listen, config = _bed.AgentConfig;

        // The task's receipt is the first event, its reply the second: the server holds the reply unwritten.
        var faults = new Dictionary<string, string> { ["SENSOR_SERVER_FAULT"] = "hold-before-write=2" };
        using var first = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen], faults);
        using var agent = ProcessRunner.Start("sensor.dll", ["run", "--config", config]);
        await ChannelTestBed.WaitUntilAsync(() => server.Sensors().Any(), "enrollment", 60);
        string sid = server.Sensors().Single().Sid;

        var (exit, output) = ProcessRunner.Run("sensor-server.dll", "task", server.Root, sid, "--investigation", "case/kill", "--", "os_version");
        Assert.That(exit, Is.Zero, output);
        string marker = Path.Combine(server.Root, ServerOptions.HoldMarkerFile);
        await ChannelTestBed.WaitUntilAsync(() => File.Exists(marker), "the server holding the reply before writing it", 60);
        string[] held = File.ReadAllText(marker).Split(' ');
        Assert.That(held[0], Is.EqualTo(sid));
        ulong heldSequence = ulong.Parse(held[1]);

        first.Process.Kill(); // SIGKILL: no chance to write or acknowledge anything more
        Assert.That(first.Process.WaitForExit(10_000), Is.True);
        Assert.That(_bed.Events().Select(ProcessChannelBed.EventType), Is.EqualTo(new[] { "CLOUD_NOTIFICATION" }), "the held reply was not written");
        File.Delete(marker);

        using var second = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen]);
        await ChannelTestBed.WaitUntilAsync(() => _bed.Events().Any(e => ProcessChannelBed.EventType(e) == "OS_VERSION_REP"), "the resent reply on disk", 60);
        await ChannelTestBed.WaitUntilAsync(() => _bed.Status().GetProperty("queue").GetProperty("queued_events").GetInt64() == 0,
            "every event acknowledged", 30);

        List<JsonElement> events = _bed.Events();
        JsonElement reply = events.Single(e => ProcessChannelBed.EventType(e) == "OS_VERSION_REP");
        Assert.That(reply.GetProperty("seq").GetUInt64(), Is.EqualTo(heldSequence), "the event the killed server held is the one written");
        Assert.That(reply.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString(), Is.EqualTo("case/kill"));
        Assert.That(events.Count(e => ProcessChannelBed.EventType(e) == "CLOUD_NOTIFICATION"), Is.EqualTo(1));
        var keys = events.Select(e => (e.GetProperty("sid").GetString(), e.GetProperty("stream").GetUInt64(), e.GetProperty("seq").GetUInt64())).ToList();
        Assert.That(keys, Is.Unique, "no (sid, stream, seq) written twice");
        Assert.That(File.Exists(marker), Is.False, "the second server held nothing");
    }
}
