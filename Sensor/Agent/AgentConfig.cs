using System.Collections.Frozen;
using System.Text.Json;
using Sensor.Channel;

namespace Sensor.Agent;

/// <summary>
/// The agent's configuration: a JSON file (docs/configuration.md) whose every field can be overridden by an
/// environment variable, <c>SENSOR_</c> + the field name in capitals (<c>state_dir</c>: <c>SENSOR_STATE_DIR</c>).
/// Loading checks everything the agent needs before it starts; any fault is an <see cref="AgentConfigException"/>
/// naming the field. Fields the sensor does not know are faults too, so a misspelt field is never silently ignored.
/// </summary>
public sealed class AgentConfig
{
    public const string EnvironmentPrefix = "SENSOR_";
    public const long DefaultLogFileMaxBytes = 10L * 1024 * 1024;

    /// <summary>Every field the configuration may hold, in the order docs/configuration.md lists them.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "server", "server_name", "pins", "pins_file", "installation_key", "installation_key_file", "state_dir",
        "log_file", "log_file_max_bytes", "queue_max_events", "queue_max_bytes", "workers", "urgent_workers",
        "task_timeout_seconds", "ping_interval_ms", "read_timeout_ms", "connect_timeout_ms", "handshake_timeout_ms",
        "backoff_min_ms", "backoff_max_ms", "scan_threads",
    ];

    private static readonly FrozenSet<string> KnownFields = Fields.ToFrozenSet(StringComparer.Ordinal);

    public required string Host { get; init; }
    public required int Port { get; init; }

    /// <summary>The name the server certificate must carry; the host by default.</summary>
    public required string ServerName { get; init; }
    public required PinSet Pins { get; init; }

    /// <summary>Needed only until the sensor is enrolled.</summary>
    public string? InstallationKey { get; init; }
    public required string StateDirectory { get; init; }

    /// <summary>The file the pins were read from, if any (checked for permissions like the configuration).</summary>
    public string? PinsFile { get; init; }

    /// <summary>A log file the agent writes besides the system log; null for none.</summary>
    public string? LogFile { get; init; }
    public long LogFileMaxBytes { get; init; } = DefaultLogFileMaxBytes;
    public int QueueMaxEvents { get; init; } = 10_000;
    public long QueueMaxBytes { get; init; } = 50L * 1024 * 1024;
    public int Workers { get; init; } = 4;
    public int UrgentWorkers { get; init; } = 2;
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Threads one process's memory scan uses (<see cref="Scanning.MemoryScanThreads"/>).</summary>
    public int ScanThreads { get; init; } = Scanning.MemoryScanThreads.Automatic;

    /// <summary>The variable that overrides <paramref name="field"/>: <c>SENSOR_</c> + the field in capitals.</summary>
    public static string EnvironmentName(string field) => EnvironmentPrefix + field.ToUpperInvariant();

    /// <summary>The <c>SENSOR_*</c> variables of this process (the only ones the configuration reads).</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && entry.Value is string value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary><c>SENSOR_*</c> variables that override no field: likely typos, reported by <c>sensor config check</c>.</summary>
    public static IEnumerable<string> UnknownVariables(IReadOnlyDictionary<string, string> environment) =>
        environment.Keys.Where(name => name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
            && !KnownFields.Contains(name[EnvironmentPrefix.Length..].ToLowerInvariant())).Order(StringComparer.Ordinal);

    public static AgentConfig Load(string path) => Load(path, ProcessEnvironment());

    public static AgentConfig Load(string path, IReadOnlyDictionary<string, string> environment)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigException($"cannot read the configuration {path}: {e.Message}", e);
        }

        try
        {
            return Parse(bytes, environment, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        }
        catch (JsonException e)
        {
            throw new AgentConfigException($"the configuration {path} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses the JSON alone (no environment); relative file names are resolved against <paramref name="baseDirectory"/>.</summary>
    public static AgentConfig Parse(ReadOnlySpan<byte> json, string baseDirectory) =>
        Parse(json, FrozenDictionary<string, string>.Empty, baseDirectory);

    /// <summary>
    /// The whole rule set, as a function of its inputs: the file's bytes, the environment (only <c>SENSOR_*</c> names
    /// are looked at; a variable set to the empty string counts as unset) and the directory relative file names are
    /// resolved against. The only I/O is reading the files the configuration names (<c>pins_file</c>,
    /// <c>installation_key_file</c>), through <paramref name="readFile"/> (File.ReadAllBytes by default).
    /// </summary>
    public static AgentConfig Parse(ReadOnlySpan<byte> json, IReadOnlyDictionary<string, string> environment, string baseDirectory,
        Func<string, byte[]>? readFile = null)
    {
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        var reader = new AgentConfigReader(document.RootElement, environment, baseDirectory, readFile ?? File.ReadAllBytes, KnownFields);

        string? server = reader.String("server");
        if (string.IsNullOrEmpty(server))
        {
            throw reader.Missing("server", "host:port of the sensor server");
        }

        int colon = server.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out int port) || port is <= 0 or > 65535)
        {
            throw reader.Fault("server", $"server '{server}' is not host:port");
        }

        string host = server[..colon].Trim('[', ']');
        PinSet pins = ReadPins(reader);
        string stateDirectory = reader.Path("state_dir") ?? Os.DefaultStateDirectory;
        string? installationKey = ReadInstallationKey(reader);
        string? serverName = reader.String("server_name");
        if (serverName is { Length: 0 })
        {
            throw reader.Fault("server_name", "server_name is empty");
        }

        var config = new AgentConfig
        {
            Host = host,
            Port = port,
            ServerName = serverName ?? host,
            Pins = pins,
            PinsFile = reader.Path("pins_file"),
            InstallationKey = installationKey,
            StateDirectory = stateDirectory,
            LogFile = reader.Path("log_file"),
            LogFileMaxBytes = reader.Number("log_file_max_bytes", DefaultLogFileMaxBytes, 64 * 1024, 1L << 30),
            QueueMaxEvents = (int)reader.Number("queue_max_events", 10_000, 1, 10_000_000),
            QueueMaxBytes = reader.Number("queue_max_bytes", 50L * 1024 * 1024, 64 * 1024, 16L * 1024 * 1024 * 1024),
            Workers = (int)reader.Number("workers", 4, 1, 64),
            UrgentWorkers = (int)reader.Number("urgent_workers", 2, 1, 16),
            TaskTimeout = TimeSpan.FromSeconds(reader.Number("task_timeout_seconds", 600, 1, 86_400)),
            PingInterval = TimeSpan.FromMilliseconds(reader.Number("ping_interval_ms", 30_000, 50, 3_600_000)),
            ReadTimeout = TimeSpan.FromMilliseconds(reader.Number("read_timeout_ms", 90_000, 100, 3_600_000)),
            ConnectTimeout = TimeSpan.FromMilliseconds(reader.Number("connect_timeout_ms", 10_000, 100, 600_000)),
            HandshakeTimeout = TimeSpan.FromMilliseconds(reader.Number("handshake_timeout_ms", 15_000, 100, 600_000)),
            BackoffMin = TimeSpan.FromMilliseconds(reader.Number("backoff_min_ms", 1_000, 1, 3_600_000)),
            BackoffMax = TimeSpan.FromMilliseconds(reader.Number("backoff_max_ms", 300_000, 1, 86_400_000)),
            ScanThreads = (int)reader.Number("scan_threads", Scanning.MemoryScanThreads.Automatic, 1, Scanning.MemoryScanThreads.MaxThreads),
        };

        if (config.BackoffMin > config.BackoffMax)
        {
            throw reader.Fault("backoff_min_ms", $"backoff_min_ms ({config.BackoffMin.TotalMilliseconds:0}) is larger than backoff_max_ms ({config.BackoffMax.TotalMilliseconds:0})");
        }

        return config;
    }

    private static string? ReadInstallationKey(AgentConfigReader reader)
    {
        string? key = reader.String("installation_key");
        if (key is { Length: 0 })
        {
            throw reader.Fault("installation_key", "installation_key is empty");
        }

        if (reader.Path("installation_key_file") is { } keyPath)
        {
            if (key is not null)
            {
                throw reader.Fault("installation_key_file", "installation_key_file and installation_key are both given; keep one");
            }

            key = reader.ReadText("installation_key_file", keyPath, "the installation key file").Trim();
            if (key.Length == 0)
            {
                throw reader.Fault("installation_key_file", $"the installation key file {keyPath} is empty");
            }
        }

        return key;
    }

    private static PinSet ReadPins(AgentConfigReader reader)
    {
        var texts = new List<string>(reader.List("pins") ?? []);
        if (reader.Path("pins_file") is { } path)
        {
            texts.AddRange(reader.ReadText("pins_file", path, "the pins file").Split('\n')
                .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')));
        }

        string field = reader.Has("pins") || !reader.Has("pins_file") ? "pins" : "pins_file";
        if (texts.Count is 0 or > 2)
        {
            throw reader.Fault(field, $"pins: the configuration must give one or two server key pins (primary, backup), found {texts.Count}");
        }

        var parsed = new SpkiPin[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            if (!SpkiPin.TryParse(texts[i], out parsed[i], out string error))
            {
                throw reader.Fault(field, $"pins: the {(i == 0 ? "primary" : "backup")} pin: {error}");
            }
        }

        return new PinSet(parsed[0], parsed.Length > 1 ? parsed[1] : null);
    }
}
