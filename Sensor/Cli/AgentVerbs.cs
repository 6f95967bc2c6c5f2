using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Logging;
using Sensor.Platform;
using Sensor.Runtime;
using Sensor.Scanning;
using Sensor.Yara;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor run --config PATH</c>: the agent (connects to its server and runs tasks until stopped; tells systemd
/// READY/STOPPING); it refuses to start, exit code 2, when the configuration cannot be used or a file it trusts could
/// be changed by others (<see cref="FilePermissionCheck"/>). <c>sensor status [--json]</c>: the verdict on what the
/// running agent last wrote to its state directory (exit 0 healthy, 1 degraded, 2 not running).
/// </summary>
public static class AgentVerbs
{
    public const int ExitConfigError = 2;

    /// <summary><c>sensor status</c> could not tell (its configuration cannot be read).</summary>
    public const int ExitStatusUnknown = 3;

    /// <summary>The configuration file the verbs read unless told otherwise: <c>/etc/sensor/sensor.json</c> on Linux.</summary>
    public static string DefaultConfigPath => Os.DefaultConfigPath;

    public static Command CreateRunCommand()
    {
        var config = new Option<string>("--config") { Description = "the agent configuration (JSON)", DefaultValueFactory = _ => DefaultConfigPath };
        var command = new Command("run", "Run the agent: connect to the server over pinned TLS and run its tasks.") { config };
        // Through the OS's service host: under the Windows SCM the agent gets the service's stop token; elsewhere
        // (systemd, launchd, a console) RunAsService is a plain call and the command line's token stops it.
        command.SetAction((result, cancellation) => Task.FromResult(Os.RunAsService(serviceStop =>
            RunAsync(result.GetValue(config)!, Console.Error, serviceStop.CanBeCanceled ? serviceStop : cancellation))));
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
        using var logger = new SensorLogger(log);
        ChannelAgent agent;
        AgentConfig config;
        try
        {
            config = LoadChecked(configPath, logger);
            if (config.LogFile is { } logFile)
            {
                logger.OpenFile(logFile, config.LogFileMaxBytes);
            }

            agent = new ChannelAgent(config, new GeneratedTaskCommands(), Os.Family, Os.PlatformCode,
                ExecVerb.RoutingArch(RuntimeInformation.ProcessArchitecture), logger.Info)
            {
                // The restart command reloads the file the agent started with, under the same checks.
                ConfigSource = () => LoadChecked(configPath, logger),
            };
            logger.AddSecret(agent.CredentialText);
            agent.Enrolled += () => logger.AddSecret(agent.CredentialText);
        }
        catch (AgentConfigException e)
        {
            logger.Error($"refusing to start: {e.Message}");
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
        MemoryScanThreads.Configured = config.ScanThreads;
        await using (agent)
        {
            logger.Info($"started: server {config.Host}:{config.Port}, state {config.StateDirectory}, log to {logger.Destinations}");
            using ContinuousYaraScanner? yara = StartContinuousYara(agent, logger);
            SystemdNotifier.Notify("READY=1");
            await agent.RunAsync(stop.Token);
            SystemdNotifier.Notify("STOPPING=1");
            ContinuousYaraScanner.Hosted = null;
        }

        LossAccounting.Register(null);

        logger.Info("stopped");

        return 0;
    }

    /// <summary>
    /// The configuration, after the permission check of the files the sensor trusts (<see cref="FilePermissionCheck"/>);
    /// an unsafe path is an <see cref="AgentConfigException"/> naming it. Its installation key becomes a log secret.
    /// </summary>
    private static AgentConfig LoadChecked(string configPath, SensorLogger logger)
    {
        AgentConfig config = AgentConfig.Load(configPath);
        logger.AddSecret(config.InstallationKey);
        if (FilePermissionCheck.CheckInstallation(configPath, config).FirstOrDefault(f => f.Problem is not null) is { } unsafePath)
        {
            throw new AgentConfigException(unsafePath.Role, $"{unsafePath.Role} {unsafePath.Problem}");
        }

        return config;
    }

    /// <summary>
    /// Hosts the continuous YARA scanner for yara_update, and resumes scanning with the rules stored by an earlier
    /// run. A host without a usable libyara keeps running without it.
    /// </summary>
    private static ContinuousYaraScanner? StartContinuousYara(ChannelAgent agent, SensorLogger log)
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
                    log.Warning($"stored YARA rules no longer compile, continuous scanning off: {message}");
                }
            }

            return scanner;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            log.Warning($"continuous YARA scanning unavailable: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Exit 0 healthy, 1 degraded, 2 not running (<see cref="StatusVerdict"/>), 3 when the configuration cannot be
    /// read (so nothing can be said). The JSON is the agent's status file with <c>verdict</c> and <c>reasons</c> added.
    /// </summary>
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
            return ExitStatusUnknown;
        }

        string path = Path.Combine(config.StateDirectory, "status.json");
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error.WriteLine($"sensor: cannot read {path}: {e.Message}");
            return ExitStatusUnknown;
        }

        using (document)
        {
            JsonElement? root = document?.RootElement;
            var (exit, verdict, reasons) = StatusVerdict.Evaluate(root, AgentStatus.StartTimeMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (asJson)
            {
                WriteStatusJson(output, root, verdict, reasons);
                return exit;
            }

            output.WriteLine($"verdict: {verdict}{(reasons.Count > 0 ? " (" + string.Join("; ", reasons) + ")" : "")}");
            if (root is not { } status)
            {
                return exit;
            }

            JsonElement queue = status.GetProperty("queue");
            output.WriteLine($"state: {status.GetProperty("state").GetString()}  sid: {status.GetProperty("sid")}  server: {status.GetProperty("server").GetString()}");
            output.WriteLine($"queue: {queue.GetProperty("queued_events")} events / {queue.GetProperty("queued_bytes")} bytes queued, "
                + $"{queue.GetProperty("sent")} sent, {queue.GetProperty("evicted_events")} evicted, {queue.GetProperty("refused_events")} refused");
            if (status.GetProperty("last_error").GetString() is { } last)
            {
                output.WriteLine($"last error: {last}");
            }

            return exit;
        }
    }

    private static void WriteStatusJson(TextWriter output, JsonElement? status, string verdict, List<string> reasons)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("verdict", verdict);
            json.WriteStartArray("reasons");
            foreach (string reason in reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            if (status is { ValueKind: JsonValueKind.Object } root)
            {
                foreach (JsonProperty property in root.EnumerateObject())
                {
                    if (property.Name is not ("verdict" or "reasons"))
                    {
                        property.WriteTo(json);
                    }
                }
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
