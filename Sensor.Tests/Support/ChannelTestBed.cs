using System.Collections.Concurrent;
using System.Net;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Platform;
using Sensor.Server;

namespace Sensor.Tests.Support;

/// <summary>A server directory, an in-process server on loopback, and agents pointed at it over real TLS.</summary>
public sealed class ChannelTestBed : IAsyncDisposable
{
    private readonly RunningAgents _agents = new();

    public ChannelTestBed(ServerOptions? options = null)
    {
        Root = Directory.CreateTempSubdirectory("sensor-channel-").FullName;
        Server = new ServerDirectory(Path.Combine(Root, "server"));
        (Pin, InstallationKey) = Server.Initialize(["localhost", "127.0.0.1"]);
        StartServer(options ?? new ServerOptions(), 0);
    }

    public string Root { get; }
    public ServerDirectory Server { get; }
    public SpkiPin Pin { get; }
    public string InstallationKey { get; }
    public ChannelServer? Running { get; private set; }
    public int Port { get; private set; }
    public ConcurrentQueue<byte[]> Stored { get; } = new();
    public ConcurrentQueue<string> Log { get; } = new();

    public void StartServer(ServerOptions options, int port)
    {
        Running = new ChannelServer(Server, new IPEndPoint(IPAddress.Loopback, port), options, Log.Enqueue);
        Running.EventStored += (_, data) => Stored.Enqueue(data);
        Running.Start();
        Port = Running.LocalEndPoint.Port;
    }

    public async Task StopServerAsync()
    {
        if (Running is not null)
        {
            await Running.DisposeAsync();
            Running = null;
        }
    }

    public AgentConfig Config(string stateName = "state", int? port = null, SpkiPin? primary = null, SpkiPin? backup = null,
        int queueMaxEvents = 10_000, int workers = 4, TimeSpan? readTimeout = null) => new()
        {
            Host = "127.0.0.1",
            Port = port ?? Port,
            ServerName = "localhost",
            Pins = new PinSet(primary ?? Pin, backup),
            InstallationKey = InstallationKey,
            StateDirectory = Path.Combine(Root, stateName),
            QueueMaxEvents = queueMaxEvents,
            Workers = workers,
            UrgentWorkers = 1,
            PingInterval = TimeSpan.FromMilliseconds(200),
            ReadTimeout = readTimeout ?? TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            HandshakeTimeout = TimeSpan.FromSeconds(2),
            BackoffMin = TimeSpan.FromMilliseconds(20),
            BackoffMax = TimeSpan.FromMilliseconds(200),
        };

    public ChannelAgent StartAgent(AgentConfig config, ITaskCommands commands, ServiceWatchdog? watchdog = null) =>
        _agents.Start(config, commands, Log, watchdog);

    public Task StopAgentAsync(ChannelAgent agent) => _agents.StopAsync(agent);

    public static async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _agents.StopAllAsync();
        await StopServerAsync();
        Directory.Delete(Root, recursive: true);
    }
}
