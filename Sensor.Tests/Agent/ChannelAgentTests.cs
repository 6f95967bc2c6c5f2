using System.Text;
using Sensor.Agent;
using Sensor.Server;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed class ChannelAgentTests
{
    private static List<StoredEvent> Stored(ChannelTestBed bed) => bed.Stored.Select(StoredEvent.Parse).ToList();

    [Test]
    public async Task RunAsync_EnrollAndTask_ReceiptAndReplyKeepInvestigationIdByteForByte()
    {
        await using var bed = new ChannelTestBed();
        var commands = new TestTaskCommands();
        var agent = bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");

        string sid = agent.Sid!;
        Assert.That(ServerDirectory.IsSid(sid), Is.True);
        Assert.That(bed.Server.Sensors().Select(s => s.Sid), Is.EqualTo(new[] { sid }));
        string identity = Path.Combine(bed.Root, "state", "identity.json");
        Assert.That(File.GetUnixFileMode(identity), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.Exists(identity + ".tmp"), Is.False);

        byte[] investigation = [.. "case/42/ü-α"u8, 0xC3, (byte)'/', 0x00];
        bed.Server.AddTask(sid, "echo", ["a/b", "c d"], investigation, TimeSpan.FromMinutes(5));
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "ECHO_REP"), "the reply");

        List<StoredEvent> events = Stored(bed);
        StoredEvent receipt = events.Single(e => e.EventType == "CLOUD_NOTIFICATION");
        StoredEvent reply = events.Single(e => e.EventType == "ECHO_REP");
        Assert.That(events.IndexOf(receipt), Is.LessThan(events.IndexOf(reply)));
        Assert.That(receipt.InvestigationId, Is.EqualTo(investigation));
        Assert.That(reply.InvestigationId, Is.EqualTo(investigation));
        Assert.That(receipt.Event.GetProperty("NOTIFICATION_ID").GetString(), Is.EqualTo("echo"));
        Assert.That(reply.Event.GetProperty("COMMAND_LINE").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "a/b", "c d" }));
        Assert.That(reply.Event.GetProperty("ERROR").GetInt32(), Is.Zero);

        // The server's log has the same two events as JSON lines, and the task is no longer pending.
        string[] lines = EventLog.Files(bed.Server.EventsPath).SelectMany(File.ReadAllLines).ToArray();
        Assert.That(lines.Count(l => l.Contains("\"ECHO_REP\"")), Is.EqualTo(1));
        await ChannelTestBed.WaitUntilAsync(() => !bed.Server.PendingTasks(sid).Any(), "the task acknowledgement");
        await ChannelTestBed.WaitUntilAsync(() => agent.Queue.Counters.QueuedEvents == 0, "event acknowledgements");
    }

    [Test]
    public async Task RunAsync_MemReadOfMoreThanAFrame_ArrivesCutToTheCapAndTheChannelGoesOn()
    {
        // mem_read of 20 MiB of incompressible memory: before replies were capped to a frame, the 16 MiB dump plus
        // its envelope could not be framed, and the event at the head of the queue failed every connection.
        byte[] memory = GC.AllocateUninitializedArray<byte>(20 << 20, pinned: true);
        new Random(7).NextBytes(memory);
        ulong address;
        unsafe
        {
            fixed (byte* p = memory)
            {
                address = (ulong)p;
            }
        }

        await using var bed = new ChannelTestBed();
        var agent = bed.StartAgent(bed.Config(), new GeneratedTaskCommands());
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");
        string sid = agent.Sid!;
        bed.Server.AddTask(sid, "mem_read", ["-p", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            address.ToString("x", System.Globalization.CultureInfo.InvariantCulture), (20 << 20).ToString("x", System.Globalization.CultureInfo.InvariantCulture)],
            [], TimeSpan.FromMinutes(5));
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "MEM_READ_REP"), "the mem_read reply");
        bed.Server.AddTask(sid, "os_version", [], [], TimeSpan.FromMinutes(5));
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "OS_VERSION_REP"), "the next reply");

        StoredEvent reply = Stored(bed).Single(e => e.EventType == "MEM_READ_REP");
        byte[] dump = reply.Event.GetProperty("MEMORY_DUMP").GetBytesFromBase64();
        Assert.That(dump.Length, Is.EqualTo(Sensor.Commands.Memory.MemReadCommand.MaxBytes));
        Assert.That(dump.AsSpan().SequenceEqual(memory.AsSpan(0, dump.Length)), Is.True, "the dump is the memory read");
        Assert.That(reply.Event.GetProperty("TRUNCATED").GetBoolean(), Is.True);
        Assert.That(agent.Queue.Counters.RefusedEvents, Is.Zero);
        GC.KeepAlive(memory);
    }

    [Test]
    public async Task RunAsync_Restarted_KeepsSidAndDoesNotEnrollAgain()
    {
        await using var bed = new ChannelTestBed();
        var agent = bed.StartAgent(bed.Config(), new TestTaskCommands());
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");
        string sid = agent.Sid!;
        await bed.StopAgentAsync(agent);

        var again = bed.StartAgent(bed.Config(), new TestTaskCommands());
        await ChannelTestBed.WaitUntilAsync(() => again.State == AgentConnectionState.Connected, "reconnection");

        Assert.That(again.Sid, Is.EqualTo(sid));
        Assert.That(bed.Server.Sensors().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_Revoked_IsRefusedAndRunsNothing()
    {
        await using var bed = new ChannelTestBed();
        var commands = new TestTaskCommands();
        var agent = bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");
        string sid = agent.Sid!;
        await bed.StopAgentAsync(agent);

        Assert.That(bed.Server.Revoke(sid), Is.True);
        bed.Server.AddTask(sid, "echo", ["x"], [], TimeSpan.FromMinutes(5));
        var revoked = bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => revoked.State == AgentConnectionState.Refused, "refusal");

        Assert.That(revoked.Sessions, Is.Zero);
        Assert.That(revoked.LastError, Does.Contain("CredentialRefused"));
        Assert.That(commands.Runs, Is.Empty);
        Assert.That(revoked.Sid, Is.EqualTo(sid), "a refused sensor keeps its identity rather than re-enrolling");
    }

    [Test]
    public async Task RunAsync_UrgentTaskBehindLongTask_RunsAtOnce()
    {
        await using var bed = new ChannelTestBed();
        var commands = new TestTaskCommands();
        var agent = bed.StartAgent(bed.Config(workers: 1), commands);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");

        bed.Server.AddTask(agent.Sid!, "slow", [], [], TimeSpan.FromMinutes(5));
        await commands.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        bed.Server.AddTask(agent.Sid!, "echo", ["queued behind slow"], [], TimeSpan.FromMinutes(5));
        bed.Server.AddTask(agent.Sid!, "os_kill_process", [], [], TimeSpan.FromMinutes(5));

        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "OS_KILL_PROCESS_REP"), "the urgent reply");
        Assert.That(Stored(bed).Any(e => e.EventType is "SLOW_REP" or "ECHO_REP"), Is.False, "the normal lane is still blocked");

        commands.SlowRelease.Release();
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "ECHO_REP"), "the normal lane draining");
    }

    [Test]
    public async Task RunAsync_TaskResentAfterServerRestart_AcknowledgedButNotRunTwice()
    {
        // The first server forgets task acknowledgements, as a server that died before recording them would.
        await using var bed = new ChannelTestBed(new ServerOptions { IgnoreTaskAcks = true });
        var commands = new TestTaskCommands();
        var agent = bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");

        string victim = Path.Combine(bed.Root, "victim.txt");
        File.WriteAllText(victim, "x");
        bed.Server.AddTask(agent.Sid!, "file_del", [victim], Encoding.UTF8.GetBytes("inv"), TimeSpan.FromMinutes(5));
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "FILE_DEL_REP"), "the reply");
        Assert.That(File.Exists(victim), Is.False);
        File.WriteAllText(victim, "recreated: a second run would delete it");

        int port = bed.Port;
        int sessions = agent.Sessions;
        await bed.StopServerAsync();
        bed.StartServer(new ServerOptions(), port);
        await ChannelTestBed.WaitUntilAsync(() => agent.Sessions > sessions && agent.DuplicateTasks == 1, "the resent task");

        await ChannelTestBed.WaitUntilAsync(() => !bed.Server.PendingTasks(agent.Sid!).Any(), "the acknowledgement of the resent task");
        Assert.That(commands.Runs["file_del"], Is.EqualTo(1));
        Assert.That(File.Exists(victim), Is.True);
        Assert.That(Stored(bed).Count(e => e.EventType == "FILE_DEL_REP"), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_SeenTaskAfterAgentRestart_NotRunAgain()
    {
        await using var bed = new ChannelTestBed(new ServerOptions { IgnoreTaskAcks = true });
        var commands = new TestTaskCommands();
        var agent = bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");
        bed.Server.AddTask(agent.Sid!, "echo", ["once"], [], TimeSpan.FromMinutes(5));
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "ECHO_REP"), "the reply");
        await bed.StopAgentAsync(agent);

        var restarted = bed.StartAgent(bed.Config(), commands);
        await ChannelTestBed.WaitUntilAsync(() => restarted.DuplicateTasks == 1, "the resent task");
        Assert.That(commands.Runs["echo"], Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_ServerDownPastTheBound_EvictionCountedExactlyAndReported()
    {
        await using var bed = new ChannelTestBed();
        var agent = bed.StartAgent(bed.Config(queueMaxEvents: 10), new TestTaskCommands());
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");
        await ChannelTestBed.WaitUntilAsync(() => agent.Queue.Counters.QueuedEvents == 0, "an empty queue");
        int port = bed.Port;
        await bed.StopServerAsync();
        await ChannelTestBed.WaitUntilAsync(() => agent.State != AgentConnectionState.Connected, "the disconnect");
        int storedBefore = bed.Stored.Count;

        var (sink, context) = (new QueueEventSink(agent.Queue), (Sensor.Commands.CommandContext?)null);
        context = new Sensor.Commands.CommandContext(sink, new Sensor.Events.RoutingInfo(), Sensor.Platform.OsFamily.Linux);
        for (int i = 0; i < 25; i++)
        {
            context.Reply.Begin("TEST_EVENT");
            context.Reply.Field(Sensor.Events.FieldNames.ProcessId, i);
            context.Reply.End(0);
        }

        LossCounters offline = agent.Queue.Counters;
        Assert.That(offline.QueuedEvents, Is.EqualTo(10));
        Assert.That(offline.EvictedEvents, Is.EqualTo(15));
        Assert.That(offline.Produced, Is.EqualTo(offline.Sent + offline.QueuedEvents + offline.EvictedEvents + offline.RefusedEvents));

        bed.StartServer(new ServerOptions(), port);
        await ChannelTestBed.WaitUntilAsync(() => Stored(bed).Any(e => e.EventType == "DATA_DROPPED"), "DATA_DROPPED");
        await ChannelTestBed.WaitUntilAsync(() => agent.Queue.Counters.QueuedEvents == 0, "the queue draining");

        LossCounters after = agent.Queue.Counters;
        Assert.That(after.Produced, Is.EqualTo(after.Sent + after.QueuedEvents + after.EvictedEvents + after.RefusedEvents));
        StoredEvent dropped = Stored(bed).Single(e => e.EventType == "DATA_DROPPED");
        Assert.That(dropped.Event.GetProperty("LOSS_EVICTED_EVENTS").GetInt64(), Is.EqualTo(15));
        // The report itself took a slot of the full queue: one more event was evicted, counted, and will be
        // reported on the next reconnect.
        Assert.That(after.EvictedEvents, Is.EqualTo(16));
        List<StoredEvent> resent = bed.Stored.Skip(storedBefore).Select(StoredEvent.Parse).ToList();
        Assert.That(resent.Count(e => e.EventType == "TEST_EVENT"), Is.EqualTo(9));
        Assert.That(resent.Where(e => e.EventType == "TEST_EVENT").Select(e => e.Event.GetProperty("PROCESS_ID").GetInt32()),
            Is.EqualTo(Enumerable.Range(16, 9)));
    }
}
