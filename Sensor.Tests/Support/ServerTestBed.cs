using System.Collections.Concurrent;
using System.Net;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Platform;
using Sensor.Server;
using Sensor.Server.Cli;
using Sensor.Server.Http;

namespace Sensor.Tests.Support;

/// <summary>A server directory, the whole server (<see cref="ServerHost"/>) on loopback, and agents over real TLS.</summary>
public sealed class ServerTestBed : IAsyncDisposable
{
    private readonly RunningAgents _agents = new();

    private ServerTestBed()
    {
        Root = Directory.CreateTempSubdirectory("sensor-server-").FullName;
        Server = new ServerDirectory(Path.Combine(Root, "server"));
        (Pin, InstallationKey) = Server.Initialize(["localhost", "127.0.0.1"]);
    }

    public string Root { get; }
    public ServerDirectory Server { get; }
    public SpkiPin Pin { get; }
    public string InstallationKey { get; }
    public ServerHost? Host { get; private set; }
    public int Port { get; private set; }
    public ConcurrentQueue<string> Log { get; } = new();
    public string Token => ApiToken.Load(Server.Root);

    public static async Task<ServerTestBed> StartAsync(ServerOptions? options = null)
    {
        var bed = new ServerTestBed();
        await bed.StartServerAsync(options);
        return bed;
    }

    public async Task StartServerAsync(ServerOptions? options = null)
    {
        Host = await ServerHost.StartAsync(Server, new IPEndPoint(IPAddress.Loopback, Port), new IPEndPoint(IPAddress.Loopback, 0), false,
            options ?? new ServerOptions { TaskPollInterval = TimeSpan.FromMilliseconds(50) }, Log.Enqueue, TimeSpan.FromMilliseconds(100));
        Port = Host.Channel.LocalEndPoint.Port;
    }

    public async Task StopServerAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
            Host = null;
        }
    }

    public ApiClient Client() => ApiClient.ForDirectory(Server.Root);

    public HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = Host!.Api!.Address };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public AgentConfig Config(string stateName = "state") => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        ServerName = "localhost",
        Pins = new PinSet(Pin, null),
        InstallationKey = InstallationKey,
        StateDirectory = Path.Combine(Root, stateName),
        PingInterval = TimeSpan.FromMilliseconds(200),
        ReadTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        HandshakeTimeout = TimeSpan.FromSeconds(2),
        BackoffMin = TimeSpan.FromMilliseconds(20),
        BackoffMax = TimeSpan.FromMilliseconds(200),
    };

    public ChannelAgent StartAgent(AgentConfig config, ITaskCommands commands) => _agents.Start(config, commands, Log);

    public Task StopAgentAsync(ChannelAgent agent) => _agents.StopAsync(agent);

    /// <summary>Starts an agent, waits for its enrollment and its registration as connected; returns it and its sid.</summary>
    public async Task<(ChannelAgent Agent, string Sid)> EnrollAsync(ITaskCommands commands, string stateName = "state")
    {
        ChannelAgent agent = StartAgent(Config(stateName), commands);
        await ChannelTestBed.WaitUntilAsync(() => agent.Sid is not null && Host!.Registry.IsConnected(agent.Sid), "enrollment");
        return (agent, agent.Sid!);
    }

    /// <summary>Every event line on disk, as the event log wrote it (<c>{"sid", "stream", "seq", "received_ms", "data"}</c>).</summary>
    public List<System.Text.Json.JsonElement> StoredEvents() =>
        EventFiles().SelectMany(File.ReadAllLines).Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public IEnumerable<string> EventFiles() => EventLog.Files(Server.EventsPath);

    public static string EventType(System.Text.Json.JsonElement line) =>
        line.GetProperty("data").GetProperty("routing").GetProperty("event_type").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await _agents.StopAllAsync();
        await StopServerAsync();
        Directory.Delete(Root, recursive: true);
    }
}
