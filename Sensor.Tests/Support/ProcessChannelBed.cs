using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sensor.Server;

namespace Sensor.Tests.Support;

/// <summary>
/// For tests with real processes (<c>sensor-server run</c>, <c>sensor run</c>): a temporary directory with an
/// initialized server directory, a free loopback port, and an agent configuration pointing at it with short ping and
/// back-off times; plus readers of the server's event log and the agent's status.
/// </summary>
public sealed class ProcessChannelBed : IDisposable
{
    public ProcessChannelBed(string prefix)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Server = new ServerDirectory(Path.Combine(Root, "server"));
        var (pin, key) = Server.Initialize(["localhost", "127.0.0.1"]);
        Pin = pin;
        Listen = $"127.0.0.1:{FreePort()}";
        AgentConfig = Path.Combine(Root, "agent.json");
        File.WriteAllText(AgentConfig, $$"""
            {"server": "{{Listen}}", "server_name": "localhost", "pins": ["{{pin}}"], "installation_key": "{{key}}",
             "state_dir": "{{Path.Combine(Root, "state")}}", "ping_interval_ms": 200, "backoff_min_ms": 50, "backoff_max_ms": 300}
            """);
    }

    public string Root { get; }
    public ServerDirectory Server { get; }

    /// <summary>The server key's pin the agent is configured with.</summary>
    public Sensor.Channel.SpkiPin Pin { get; }

    /// <summary>The server's channel address, <c>127.0.0.1:PORT</c>.</summary>
    public string Listen { get; }
    public string AgentConfig { get; }

    /// <summary>Every line of the server's event log, parsed.</summary>
    public List<JsonElement> Events() =>
        EventLog.Files(Server.EventsPath).SelectMany(File.ReadAllLines).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static string EventType(JsonElement line) => line.GetProperty("data").GetProperty("routing").GetProperty("event_type").GetString()!;

    /// <summary><c>sensor status --json</c> of the agent.</summary>
    public JsonElement Status()
    {
        var (exit, output) = ProcessRunner.Run("sensor.dll", "status", "--json", "--config", AgentConfig);
        Assert.That(exit, Is.Zero, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
