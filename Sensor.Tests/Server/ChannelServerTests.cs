using System.Net;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Server;
using Sensor.Server.Tasking;
using Sensor.Tests.Support;

namespace Sensor.Tests.Server;

/// <summary>
/// The server reaching live sessions at once: a queued task wakes the session (the fallback poll is set to ten
/// minutes here, so only the wake-up can deliver within the wait), and a revocation closes the connection.
/// </summary>
[Platform("Linux")]
public sealed class ChannelServerTests
{
    private static readonly ServerOptions SlowFallback = new() { TaskPollInterval = TimeSpan.FromMinutes(10) };

    private static JsonElement? Reply(ServerTestBed bed, string eventType, string investigation) =>
        bed.StoredEvents().Where(e => ServerTestBed.EventType(e) == eventType
            && e.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString() == investigation)
            .Select(e => (JsonElement?)e).FirstOrDefault();

    [Test]
    public async Task PushTasks_TaskQueuedWhileConnected_SentAtOnceWithoutWaitingForThePoll()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync(SlowFallback);
        var commands = new CountingTaskCommands();
        var (_, sid) = await bed.EnrollAsync(commands);
        // Let the session's first listing pass, so that it is waiting when the tasks are queued.
        await ChannelTestBed.WaitUntilAsync(() => bed.Host!.Channel.Sessions.Count(sid) == 1, "the session's registration");
        await Task.Delay(200);

        for (int i = 0; i < 3; i++)
        {
            TaskSubmission task = bed.Host!.Tasks.Submit(sid, "os_version", $"case/wake/{i}", 600);
            Assert.That(task.Accepted, Is.True, task.Error);
            await ChannelTestBed.WaitUntilAsync(() => Reply(bed, "OS_VERSION_REP", $"case/wake/{i}") is not null, $"reply {i} (woken, not polled)");
        }

        Assert.That(commands.Runs["os_version"], Is.EqualTo(3));
    }

    [Test]
    public async Task Revoke_ThroughTheApiWhileConnected_ConnectionClosedAtOnceAndReconnectRefused()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync(SlowFallback);
        var (agent, sid) = await bed.EnrollAsync(new CountingTaskCommands());
        using HttpClient http = bed.Http(bed.Token);

        using (HttpResponseMessage revoke = await http.PostAsync($"api/sensors/{sid}/revoke", null))
        {
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // The agent pings every 200 ms and the read timeout is minutes: only the server closing the session ends it.
        await ChannelTestBed.WaitUntilAsync(() => !bed.Host!.Registry.IsConnected(sid), "the revoked sensor's disconnect");
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Refused, "the agent refused on reconnecting");
        Assert.That(bed.Host!.Channel.Sessions.Count(sid), Is.Zero);
        Assert.That(bed.Log.Any(l => l.Contains($"sensor {sid} revoked: closing its 1 live connection")), Is.True);
    }

    [Test]
    public async Task Revoke_ByAnotherProcessesDirectory_ClosedByTheFallbackPoll()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync(new ServerOptions { TaskPollInterval = TimeSpan.FromMilliseconds(200) });
        var (agent, sid) = await bed.EnrollAsync(new CountingTaskCommands());

        // `sensor-server revoke DIR SID` writes the directory from its own process: no in-process event.
        Assert.That(new ServerDirectory(bed.Server.Root).Revoke(sid), Is.True);

        await ChannelTestBed.WaitUntilAsync(() => !bed.Host!.Registry.IsConnected(sid), "the revoked sensor's disconnect");
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Refused, "the agent refused on reconnecting");
    }
}
