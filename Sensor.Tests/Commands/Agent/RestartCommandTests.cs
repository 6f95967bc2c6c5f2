using System.Text.Json;
using Sensor.Agent;
using Sensor.Platform;
using Sensor.Server.Tasking;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Agent;

/// <summary>restart in a real agent against the real server over TLS: receipt, a new session with the same sid, tasks answered after.</summary>
[Platform("Linux")]
public sealed class RestartCommandTests
{
    private static JsonElement? Stored(ServerTestBed bed, string eventType, string investigation) =>
        bed.StoredEvents().Where(e => ServerTestBed.EventType(e) == eventType
            && e.GetProperty("data").GetProperty("routing").GetProperty("investigation_id").GetString() == investigation)
            .Select(e => (JsonElement?)e).FirstOrDefault();

    private static void Submit(ServerTestBed bed, string sid, string line, string investigation)
    {
        TaskSubmission submission = bed.Host!.Tasks.Submit(sid, line, investigation, 3600);
        Assert.That(submission.Accepted, Is.True, submission.Error);
    }

    [Test]
    public async Task Restart_RunningAgent_ReceiptThenSameSidReconnectsInANewSessionAndAnswersATask()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var commands = new CountingTaskCommands();
        var (agent, sid) = await bed.EnrollAsync(commands);
        AgentConfig config = bed.Config();
        int reloads = 0;
        agent.ConfigSource = () =>
        {
            Interlocked.Increment(ref reloads);
            return config;
        };
        Assert.That(agent.Sessions, Is.EqualTo(1));

        Submit(bed, sid, "restart", "case/restart");
        await ChannelTestBed.WaitUntilAsync(() => agent.Restarts == 1 && agent.Sessions == 2 && agent.State == AgentConnectionState.Connected,
            "the re-initialization and a second session");
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed, "RECEIPT", "case/restart") is not null, "the restart's receipt");
        JsonElement receipt = Stored(bed, "RECEIPT", "case/restart")!.Value;
        Assert.That(receipt.GetProperty("data").GetProperty("event").GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(Volatile.Read(ref reloads), Is.EqualTo(1), "the configuration was reloaded once");
        Assert.That(agent.Sid, Is.EqualTo(sid));
        Assert.That(bed.Log.Count(l => l.Contains($"sensor {sid} ") && l.EndsWith(" connected")), Is.EqualTo(2), "two server sessions");

        Submit(bed, sid, "os_version", "case/after-restart");
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed, "OS_VERSION_REP", "case/after-restart") is not null, "a task answered after the restart");
        Assert.That(Stored(bed, "OS_VERSION_REP", "case/after-restart")!.Value.GetProperty("sid").GetString(), Is.EqualTo(sid));
        Assert.That(commands.Runs["restart"], Is.EqualTo(1), "the restart task ran once, even if resent on the new session");
        Assert.That(bed.Host!.Registry.IsConnected(sid), Is.True);
    }

    [Test]
    public async Task Restart_IdentityFileDeleted_EnrollsAgainWithANewSid()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        var (agent, sid) = await bed.EnrollAsync(new CountingTaskCommands());
        AgentConfig config = bed.Config();
        agent.ConfigSource = () => config;

        // The reference's use of restart: a cloned sensor id, whose identity file was deleted remotely.
        File.Delete(new AgentStateStore(config.StateDirectory).IdentityPath);
        Submit(bed, sid, "restart", "case/reenroll");

        await ChannelTestBed.WaitUntilAsync(() => agent.Sid is { } now && now != sid && agent.State == AgentConnectionState.Connected,
            "a new enrollment after the restart");
        string newSid = agent.Sid!;
        Assert.That(bed.Server.Sensors().Select(s => s.Sid), Is.EquivalentTo(new[] { sid, newSid }));
        Assert.That(File.Exists(new AgentStateStore(config.StateDirectory).IdentityPath), Is.True, "the new identity is saved");

        Submit(bed, newSid, "os_version", "case/new-sid");
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed, "OS_VERSION_REP", "case/new-sid") is not null, "a task for the new sid answered");
        Assert.That(Stored(bed, "OS_VERSION_REP", "case/new-sid")!.Value.GetProperty("sid").GetString(), Is.EqualTo(newSid));
    }

    [Test]
    public void Execute_NoAgent_NotSupported()
    {
        var (sink, context) = RecordingSink.Create();

        Sensor.Commands.CommandRunner.Run("restart", [], context);

        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(ErrorCodes.NotSupported));
    }
}
