using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Platform;
using Sensor.Runtime;
using Sensor.Yara;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor run --config PATH</c>: the agent (connects to its server and runs tasks until stopped; tells systemd
/// READY/STOPPING). <c>sensor status [--json]</c>: what the running agent last wrote to its state directory.
/// Exit code 2 when the configuration cannot be used (missing, empty or unreadable pins or key ...).
/// </summary>
public static class AgentVerbs
{
    public const string DefaultConfigPath = "/etc/sensor/config.json";
    public const int ExitConfigError = 2;

    public static Command CreateRunCommand()
    {
        var config = new Option<string>("--config") { Description = "the agent configuration (JSON)", DefaultValueFactory = _ => DefaultConfigPath };
        var command = new Command("run", "Run the agent: connect to the server over pinned TLS and run its tasks.") { config };
        command.SetAction((result, cancellation) => RunAsync(result.GetValue(config)!, Console.Error, cancellation));
        return command;
    }

    public static Command CreateStatusCommand()
    {
        var config = new Option<string>("--config") { Description = "the agent configuration (JSON)", DefaultValueFactory = _ => DefaultConfigPath };
        var json = new Option<bool>("--json") { Description = "print the status as JSON" };
        var command = new Command("status", "Show the agent's connection state, sid, server, pins, queue and loss counters.") { config, json };
        command.SetAction(result => Status(result.GetValue(config)!, result.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    public static async Task<int> RunAsync(string configPath, TextWriter log, CancellationToken cancellation)
    {
        ChannelAgent agent;
        AgentConfig config;
        try
        {
            config = AgentConfig.Load(configPath);
            agent = new ChannelAgent(config, new GeneratedTaskCommands(), Os.Family, Os.PlatformCode,
                ExecVerb.RoutingArch(RuntimeInformation.ProcessArchitecture), message => Log(log, message))
            {
                // The restart command reloads the file the agent started with.
                ConfigSource = () => AgentConfig.Load(configPath),
            };
        }
        catch (AgentConfigException e)
        {
            log.WriteLine($"sensor: refusing to start: {e.Message}");
            return ExitConfigError;
        }

        // Stop cleanly on SIGTERM (systemd) and SIGINT: the default would end the process before the agent has
        // written its final status.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        LossAccounting.Register(agent.Queue);
        // file_del and file_mov protect the state directory the agent actually uses.
        ProtectedPaths.StateDirectory = config.StateDirectory;
        await using (agent)
        {
            using ContinuousYaraScanner? yara = StartContinuousYara(agent, log);
            SystemdNotifier.Notify("READY=1");
            await agent.RunAsync(stop.Token);
            SystemdNotifier.Notify("STOPPING=1");
            ContinuousYaraScanner.Hosted = null;
        }

        LossAccounting.Register(null);

        log.WriteLine("sensor: stopped");

        return 0;
    }

    /// <summary>
    /// Hosts the continuous YARA scanner for yara_update, and resumes scanning with the rules stored by an earlier
    /// run. A host without a usable libyara keeps running without it.
    /// </summary>
    private static ContinuousYaraScanner? StartContinuousYara(ChannelAgent agent, TextWriter log)
    {
        try
        {
            var scanner = new ContinuousYaraScanner(new QueueEventSink(agent.Queue), agent.Routing, new ContinuousScanOptions());
            ContinuousYaraScanner.Hosted = scanner;
            if (YaraRuleStore.Load() is { Length: > 0 } source)
            {
                if (YaraCompiler.Compile(source, out YaraRules? rules, out string? message) == ErrorCodes.Success)
                {
                    scanner.Start(rules!);
                }
                else
                {
                    log.WriteLine($"sensor: stored YARA rules no longer compile, continuous scanning off: {message}");
                }
            }

            return scanner;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"sensor: continuous YARA scanning unavailable: {e.Message}");
            return null;
        }
    }

    public static int Status(string configPath, bool asJson, TextWriter output, TextWriter error)
    {
        AgentConfig config;
        try
        {
            config = AgentConfig.Load(configPath);
        }
        catch (AgentConfigException e)
        {
            error.WriteLine($"sensor: {e.Message}");
            return ExitConfigError;
        }

        string path = Path.Combine(config.StateDirectory, "status.json");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"sensor: no status at {path} (is the agent running?): {e.Message}");
            return 1;
        }

        if (asJson)
        {
            output.WriteLine(text);
            return 0;
        }

        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement root = document.RootElement;
        JsonElement queue = root.GetProperty("queue");
        output.WriteLine($"state: {root.GetProperty("state").GetString()}  sid: {root.GetProperty("sid")}  server: {root.GetProperty("server").GetString()}");
        output.WriteLine($"queue: {queue.GetProperty("queued_events")} events / {queue.GetProperty("queued_bytes")} bytes queued, "
            + $"{queue.GetProperty("sent")} sent, {queue.GetProperty("evicted_events")} evicted, {queue.GetProperty("refused_events")} refused");
        if (root.GetProperty("last_error").GetString() is { } last)
        {
            output.WriteLine($"last error: {last}");
        }

        return 0;
    }

    private static void Log(TextWriter log, string message)
    {
        lock (log)
        {
            log.WriteLine($"{DateTimeOffset.UtcNow:O} {message}");
            log.Flush();
        }
    }
}
