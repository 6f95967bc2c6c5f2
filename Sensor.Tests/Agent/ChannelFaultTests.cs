using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sensor.Server;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

/// <summary>Real processes: the built <c>sensor run</c> agent and a <c>sensor-server run</c> that is killed mid-reply.</summary>
[Platform("Linux")]
[NonParallelizable]
public sealed class ChannelFaultTests
{
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sensor-fault-").FullName;

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
    public async Task ServerKilledMidReplyAndRestarted_ReplyStoredOnceAndFileDelNotRunTwice()
    {
        var server = new ServerDirectory(Path.Combine(_root, "server"));
        var (pin, key) = server.Initialize(["localhost", "127.0.0.1"]);
        int port = FreePort();
        string listen = $"127.0.0.1:{port}";
        string config = Path.Combine(_root, "agent.json");
        File.WriteAllText(config, $$"""
            {"server": "{{listen}}", "server_name": "localhost", "pins": ["{{pin}}"], "installation_key": "{{key}}",
             "state_dir": "{{Path.Combine(_root, "state")}}", "ping_interval_ms": 200, "backoff_min_ms": 50, "backoff_max_ms": 300}
            """);

        // First server: dies right after writing the second event (the file_del reply) and before acknowledging it,
        // and never records task acknowledgements (as if it died before doing so), so it will send the task again.
        var faults = new Dictionary<string, string> { ["SENSOR_SERVER_FAULT"] = "crash-after-events=2,ignore-task-acks" };
        using var first = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen], faults);
        using var agent = ProcessRunner.Start("sensor.dll", ["run", "--config", config]);
        await ChannelTestBed.WaitUntilAsync(() => server.Sensors().Any(), "enrollment", 60);
        string sid = server.Sensors().Single().Sid;

        string victim = Path.Combine(_root, "victim.txt");
        File.WriteAllText(victim, "delete me once");
        var (exit, output) = ProcessRunner.Run("sensor-server.dll", "task", server.Root, sid, "--investigation", "case/7/a", "--", "file_del", victim);
        Assert.That(exit, Is.Zero, output);

        await ChannelTestBed.WaitUntilAsync(() => first.Process.HasExited, "the injected crash", 60);
        Assert.That(File.Exists(victim), Is.False, "file_del ran once");
        Assert.That(Events(server).Count(e => EventType(e) == "FILE_DEL_REP"), Is.EqualTo(1));
        File.WriteAllText(victim, "a second run of the task would delete this");

        using var second = ProcessRunner.Start("sensor-server.dll", ["run", server.Root, "--listen", listen]);
        // The task is sent again; the sensor acknowledges it without running it, and the second server records that.
        await ChannelTestBed.WaitUntilAsync(() => !server.PendingTasks(sid).Any(), "the resent task's acknowledgement", 60);
        await ChannelTestBed.WaitUntilAsync(() => Status(config).GetProperty("tasks_duplicate").GetInt64() == 1, "the duplicate in the status", 30);
        await ChannelTestBed.WaitUntilAsync(() => Status(config).GetProperty("queue").GetProperty("queued_events").GetInt64() == 0, "all events acknowledged", 30);

        List<JsonElement> events = Events(server);
        JsonElement reply = events.Single(e => EventType(e) == "FILE_DEL_REP");
        Assert.That(events.Count(e => EventType(e) == "CLOUD_NOTIFICATION"), Is.EqualTo(1));
        Assert.That(reply.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString(), Is.EqualTo("case/7/a"));
        Assert.That(reply.GetProperty("data").GetProperty("event").GetProperty("FILE_PATH").GetString(), Is.EqualTo(victim));
        Assert.That(reply.GetProperty("data").GetProperty("event").GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(File.Exists(victim), Is.True, "file_del must not run twice");

        JsonElement status = Status(config);
        Assert.That(status.GetProperty("sid").GetString(), Is.EqualTo(sid));
        Assert.That(status.GetProperty("state").GetString(), Is.EqualTo("connected"));
        Assert.That(status.GetProperty("pins")[0].GetString(), Is.EqualTo(pin.ToString()));
    }

    private static JsonElement Status(string config)
    {
        var (exit, output) = ProcessRunner.Run("sensor.dll", "status", "--json", "--config", config);
        Assert.That(exit, Is.Zero, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
