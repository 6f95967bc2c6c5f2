using System.Security.Cryptography;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Server;
using Sensor.Server.Http;
using Sensor.Server.Registry;
using Sensor.Server.Tasking;
using Sensor.Tests.Support;

namespace Sensor.Tests.Server;

/// <summary>The server as a whole over real TLS on loopback: offline tasking, expiry, restarts, acknowledgement after write.</summary>
[Platform("Linux")]
public sealed class ServerHostTests
{
    private static TaskSubmission Submit(ServerTestBed bed, string sid, string line, string investigation, int ttl = 3600)
    {
        TaskSubmission submission = bed.Host!.Tasks.Submit(sid, line, investigation, ttl);
        Assert.That(submission.Accepted, Is.True, submission.Error);
        return submission;
    }

    private static JsonElement? Reply(ServerTestBed bed, string eventType, string investigation) =>
        bed.StoredEvents().Where(e => ServerTestBed.EventType(e) == eventType
            && e.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString() == investigation)
            .Select(e => (JsonElement?)e).FirstOrDefault();

    [Test]
    public async Task Submit_WhileSensorDown_DeliveredWhenItReconnects()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var commands = new CountingTaskCommands();
        var (agent, sid) = await bed.EnrollAsync(commands);
        await bed.StopAgentAsync(agent);
        await ChannelTestBed.WaitUntilAsync(() => !bed.Host!.Registry.IsConnected(sid), "the disconnect");

        string file = Path.Combine(bed.Root, "hash me");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(100_000));
        TaskSubmission task = Submit(bed, sid, $"file_hash '{file}'", "case/offline/1");
        await Task.Delay(300);
        Assert.That(bed.Host!.Tasks.StateOf(sid, task.TaskId), Is.EqualTo(TaskState.Queued));

        bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => Reply(bed, "FILE_HASH_REP", "case/offline/1") is not null, "the reply after reconnecting");
        JsonElement reply = Reply(bed, "FILE_HASH_REP", "case/offline/1")!.Value;
        Assert.That(reply.GetProperty("sid").GetString(), Is.EqualTo(sid));
        Assert.That(reply.GetProperty("data").GetProperty("event").GetProperty("HASH").GetString(),
            Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))));
        await ChannelTestBed.WaitUntilAsync(() => bed.Host.Tasks.StateOf(sid, task.TaskId) == TaskState.Delivered, "the task marked delivered");
        Assert.That(commands.Runs["file_hash"], Is.EqualTo(1));
    }

    [Test]
    public async Task Submit_ExpiresWhileSensorDown_NeverRunAndReportedExpired()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var commands = new CountingTaskCommands();
        var (agent, sid) = await bed.EnrollAsync(commands);
        await bed.StopAgentAsync(agent);
        await ChannelTestBed.WaitUntilAsync(() => !bed.Host!.Registry.IsConnected(sid), "the disconnect");
        using EventHub.Subscription stream = bed.Host!.Hub.Subscribe(sid, "case/expired");

        string victim = Path.Combine(bed.Root, "victim.txt");
        File.WriteAllText(victim, "an expired task must not delete this");
        TaskSubmission task = Submit(bed, sid, $"file_del {victim}", "case/expired", ttl: 1);
        await ChannelTestBed.WaitUntilAsync(() => bed.Host.Tasks.StateOf(sid, task.TaskId) == TaskState.Expired, "the expiry", 10);

        byte[] line = await stream.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        using (JsonDocument expired = JsonDocument.Parse(line))
        {
            Assert.That(expired.RootElement.GetProperty("routing").GetProperty("event_type").GetString(), Is.EqualTo("TASK_EXPIRED"));
            Assert.That(expired.RootElement.GetProperty("event").GetProperty("TASK_ID").GetString(), Is.EqualTo(task.TaskId));
        }

        // The sensor comes back and works (a later task is answered), but the expired one never reaches it.
        bed.StartAgent(bed.Config(), commands);
        TaskSubmission later = Submit(bed, sid, $"file_info {victim}", "case/after");
        await ChannelTestBed.WaitUntilAsync(() => Reply(bed, "FILE_INFO_REP", "case/after") is not null, "the later task's reply");
        Assert.That(File.Exists(victim), Is.True);
        Assert.That(commands.Runs.ContainsKey("file_del"), Is.False);
        Assert.That(bed.StoredEvents().Any(e => ServerTestBed.EventType(e) == "CLOUD_NOTIFICATION"
            && e.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString() == "case/expired"), Is.False);
        Assert.That(bed.Host.Tasks.StateOf(sid, later.TaskId), Is.EqualTo(TaskState.Delivered));
    }

    [Test]
    public async Task Restart_RegistryAndQueuedTasksIntact()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var commands = new CountingTaskCommands();
        var (agent, sid) = await bed.EnrollAsync(commands);
        SensorInfo before = bed.Host!.Registry.Find(sid)!;
        await bed.StopAgentAsync(agent);
        TaskSubmission task = Submit(bed, sid, "file_info /etc/hostname", "case/restart");

        await bed.StopServerAsync();
        await bed.StartServerAsync();

        SensorInfo after = bed.Host!.Registry.Find(sid)!;
        Assert.That(after.Hostname, Is.EqualTo(Environment.MachineName).Or.EqualTo(before.Hostname));
        Assert.That((after.Platform, after.Version, after.FirstSeenMs), Is.EqualTo((before.Platform, before.Version, before.FirstSeenMs)));
        Assert.That(after.Platform, Is.EqualTo("linux"));
        Assert.That(after.LastSeenMs, Is.GreaterThanOrEqualTo(before.LastSeenMs));
        Assert.That(after.Connected, Is.False);
        Assert.That(bed.Host.Tasks.StateOf(sid, task.TaskId), Is.EqualTo(TaskState.Queued));

        bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => Reply(bed, "FILE_INFO_REP", "case/restart") is not null, "the queued task's reply after the restart");
        Assert.That(bed.Host.Registry.Find(sid)!.Connected, Is.True);
        Assert.That(bed.Host.Registry.List().Select(s => s.Sid), Is.EqualTo(new[] { sid }));
    }

    [Test]
    public async Task EventWriteFails_EventNotAcknowledgedUntilOnDisk()
    {
        int failures = 0;
        bool failing = true;
        var options = new ServerOptions
        {
            TaskPollInterval = TimeSpan.FromMilliseconds(50),
            BeforeEventWrite = (_, _) =>
            {
                if (Volatile.Read(ref failing))
                {
                    Interlocked.Increment(ref failures);
                    throw new IOException("injected: the disk is full");
                }
            },
        };
        await using ServerTestBed bed = await ServerTestBed.StartAsync(options);
        ChannelAgent agent = bed.StartAgent(bed.Config(), new CountingTaskCommands());
        await ChannelTestBed.WaitUntilAsync(() => agent.Sid is not null, "enrollment");
        string sid = agent.Sid!;
        Submit(bed, sid, "file_info /etc/hostname", "case/disk");

        // Every write fails: the sensor keeps its events (nothing acknowledged) and the log holds none of them.
        await ChannelTestBed.WaitUntilAsync(() => Volatile.Read(ref failures) >= 3, "several failed writes (the sensor resends after reconnecting)");
        LossCounters during = agent.Queue.Counters;
        Assert.That(during.Sent, Is.Zero, "no event may be acknowledged while writes fail");
        Assert.That(during.QueuedEvents, Is.GreaterThanOrEqualTo(2), "the receipt and the reply wait in the sensor's queue");
        Assert.That(bed.StoredEvents(), Is.Empty);

        Volatile.Write(ref failing, false);
        await ChannelTestBed.WaitUntilAsync(() => agent.Queue.Counters.QueuedEvents == 0, "the queue drained once writes work");
        List<JsonElement> stored = bed.StoredEvents();
        Assert.That(stored.Count(e => ServerTestBed.EventType(e) == "FILE_INFO_REP"), Is.EqualTo(1));
        Assert.That(stored.Count(e => ServerTestBed.EventType(e) == "CLOUD_NOTIFICATION"), Is.EqualTo(1));
        Assert.That(agent.Queue.Counters.Sent, Is.EqualTo(stored.Count));
    }
}
