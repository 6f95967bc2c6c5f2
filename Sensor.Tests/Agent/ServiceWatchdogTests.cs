using System.Collections.Concurrent;
using System.Diagnostics;
using Sensor.Agent;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

public sealed class ServiceWatchdogTests
{
    [TestCase("180000000", null, 42, true, 180_000)]
    [TestCase("180000000", "42", 42, true, 180_000)]
    [TestCase("180000000", "43", 42, false, 0)]
    [TestCase("0", null, 42, false, 0)]
    [TestCase("", null, 42, false, 0)]
    [TestCase(null, null, 42, false, 0)]
    [TestCase("-5", null, 42, false, 0)]
    [TestCase("12ms", null, 42, false, 0)]
    [TestCase("180000000", "x", 42, false, 0)]
    public void TryParse_SystemdVariables_EnabledOnlyForThisProcess(string? usec, string? pid, int self, bool enabled, int milliseconds)
    {
        Assert.That(ServiceWatchdog.TryParse(usec, pid, self, out TimeSpan timeout), Is.EqualTo(enabled));
        Assert.That(timeout, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Test]
    public void Beat_Disabled_SendsNothing()
    {
        int sent = 0;
        var watchdog = new ServiceWatchdog(TimeSpan.Zero, _ => sent++);
        watchdog.Beat();
        Assert.That((sent, watchdog.Beats), Is.EqualTo((0, 0L)));
    }

    [Test]
    public async Task DelayAsync_LongerThanBeatInterval_BeatsAfterEverySlice()
    {
        var states = new ConcurrentQueue<string>();
        var watchdog = new ServiceWatchdog(TimeSpan.FromMilliseconds(90), states.Enqueue);

        await watchdog.DelayAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

        // 200 ms in slices of at most 30 ms: at least 7 slices, one beat each.
        Assert.That(states.Count, Is.GreaterThanOrEqualTo(7));
        Assert.That(states.Distinct(), Is.EqualTo(new[] { "WATCHDOG=1" }));
    }

    /// <summary>Records when each beat came, to find the longest silence.</summary>
    private sealed class BeatClock
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly ConcurrentQueue<TimeSpan> _times = new();

        public void Record(string state) => _times.Enqueue(_clock.Elapsed);

        public int Count => _times.Count;

        public TimeSpan LongestGap(TimeSpan from, TimeSpan to)
        {
            TimeSpan[] times = [from, .. _times.Where(t => t > from && t < to), to];
            return times.Zip(times.Skip(1), (a, b) => b - a).Max();
        }

        public TimeSpan Now => _clock.Elapsed;
    }

    [Test]
    [Platform("Linux")]
    [NonParallelizable]
    public async Task ChannelAgent_Connected_BeatsWithinTheTimeoutAndStopsWhenItsLoopStops()
    {
        await using var bed = new ChannelTestBed();
        var clock = new BeatClock();
        // Ping interval 200 ms (test bed); a 600 ms watchdog wants a beat at least every 200 ms.
        var watchdog = new ServiceWatchdog(TimeSpan.FromMilliseconds(600), clock.Record);
        var agent = bed.StartAgent(bed.Config(), new TestTaskCommands(), watchdog);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Connected, "enrollment");

        TimeSpan from = clock.Now;
        await Task.Delay(1500);
        TimeSpan to = clock.Now;
        Assert.That(clock.LongestGap(from, to), Is.LessThan(watchdog.Timeout), "systemd would have restarted a healthy agent");

        await bed.StopAgentAsync(agent);
        int after = clock.Count;
        await Task.Delay(800);
        Assert.That(clock.Count, Is.EqualTo(after), "beats must come from the agent's loop, not from a timer that outlives it");
    }

    [Test]
    [Platform("Linux")]
    [NonParallelizable]
    public async Task ChannelAgent_LongBackoff_KeepsBeatingWhileItWaits()
    {
        await using var bed = new ChannelTestBed();
        var clock = new BeatClock();
        var watchdog = new ServiceWatchdog(TimeSpan.FromMilliseconds(600), clock.Record);
        // Nothing listens on the port: every attempt fails at once and the agent backs off 2 s each time.
        var config = bed.Config(port: ClosedPort());
        config = new AgentConfig
        {
            Host = config.Host,
            Port = config.Port,
            ServerName = config.ServerName,
            Pins = config.Pins,
            InstallationKey = config.InstallationKey,
            StateDirectory = config.StateDirectory,
            BackoffMin = TimeSpan.FromSeconds(2),
            BackoffMax = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
        };
        var agent = bed.StartAgent(config, new TestTaskCommands(), watchdog);
        await ChannelTestBed.WaitUntilAsync(() => agent.State == AgentConnectionState.Backoff, "the first backoff");

        TimeSpan from = clock.Now;
        await Task.Delay(2500);
        TimeSpan to = clock.Now;
        Assert.That(clock.LongestGap(from, to), Is.LessThan(watchdog.Timeout), "a long backoff is not a stuck agent");
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
