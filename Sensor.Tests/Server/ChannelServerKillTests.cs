using System.Net;
using System.Net.Sockets;
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
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sensor-kill-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<JsonElement> Events(ServerDirectory server) =>
        EventLog.Files(server.EventsPath).SelectMany(File.ReadAllLines).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static string EventType(JsonElement line) => line.GetProperty("data").GetProperty("routing").GetProperty("event_type").GetString()!;

    [Test]
    public async Task ServerKilledBetweenReceiptAndWrite_EventResentAndOnDiskExactlyOnce()
    {
        var server = new ServerDirectory(Path.Combine(_root, "server"));
        var (pin, key) = server.Initialize(["localhost", "127.0.0.1"]);
        string listen = $"127.0.0.1:{FreePort()}";
        string config = Path.Combine(_root, "agent.json");
        File.WriteAllText(config, $$"""
            {"server": "{{listen}}", "server_name": "localhost", "pins": ["{{pin}}"], "installation_key": "{{key}}",
             "state_dir": "{{Path.Combine(_root, "state")}}", "ping_interval_ms": 200, "backoff_min_ms": 50, "backoff_max_ms": 300}
            """);

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
        Assert.That(Events(server).Select(EventType), Is.EqualTo(new[] { "CLOUD_NOTIFICATION" }), "the held reply was not written");
        File.Delete(marker);

        using var second = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen]);
        await ChannelTestBed.WaitUntilAsync(() => Events(server).Any(e => EventType(e) == "OS_VERSION_REP"), "the resent reply on disk", 60);
        await ChannelTestBed.WaitUntilAsync(() => Status(config).GetProperty("queue").GetProperty("queued_events").GetInt64() == 0,
            "every event acknowledged", 30);

        List<JsonElement> events = Events(server);
        JsonElement reply = events.Single(e => EventType(e) == "OS_VERSION_REP");
        Assert.That(reply.GetProperty("seq").GetUInt64(), Is.EqualTo(heldSequence), "the event the killed server held is the one written");
        Assert.That(reply.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString(), Is.EqualTo("case/kill"));
        Assert.That(events.Count(e => EventType(e) == "CLOUD_NOTIFICATION"), Is.EqualTo(1));
        var keys = events.Select(e => (e.GetProperty("sid").GetString(), e.GetProperty("stream").GetUInt64(), e.GetProperty("seq").GetUInt64())).ToList();
        Assert.That(keys, Is.Unique, "no (sid, stream, seq) written twice");
        Assert.That(File.Exists(marker), Is.False, "the second server held nothing");
    }

    private static JsonElement Status(string config)
    {
        var (exit, output) = ProcessRunner.Run("sensor.dll", "status", "--json", "--config", config);
        Assert.That(exit, Is.Zero, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
