using System.Text.Json;
using Sensor.Channel;

namespace Sensor.Agent;

/// <summary>
/// The agent's configuration file (JSON, docs/protocol.md §6). Loading checks everything the agent needs before it
/// starts: a missing, empty or unreadable pin or installation key is an <see cref="AgentConfigException"/>.
/// </summary>
public sealed class AgentConfig
{
    public required string Host { get; init; }
    public required int Port { get; init; }

    /// <summary>The name the server certificate must carry; the host by default.</summary>
    public required string ServerName { get; init; }
    public required PinSet Pins { get; init; }

    /// <summary>Needed only until the sensor is enrolled.</summary>
    public string? InstallationKey { get; init; }
    public required string StateDirectory { get; init; }
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

    public static AgentConfig Load(string path)
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
            return Parse(bytes, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        }
        catch (JsonException e)
        {
            throw new AgentConfigException($"the configuration {path} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses the JSON; relative file names in it are resolved against <paramref name="baseDirectory"/>.</summary>
    public static AgentConfig Parse(ReadOnlySpan<byte> json, string baseDirectory)
    {
        using JsonDocument document = JsonDocument.Parse(json.ToArray());
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AgentConfigException("the configuration must be a JSON object");
        }

        string server = RequiredString(root, "server");
        int colon = server.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), out int port) || port is <= 0 or > 65535)
        {
            throw new AgentConfigException($"server '{server}' is not host:port");
        }

        string host = server[..colon].Trim('[', ']');
        PinSet pins = ReadPins(root, baseDirectory);
        string stateDirectory = Path.GetFullPath(RequiredString(root, "state_dir"), baseDirectory);

        string? installationKey = OptionalString(root, "installation_key");
        string? keyFile = OptionalString(root, "installation_key_file");
        if (keyFile is not null)
        {
            string keyPath = Path.GetFullPath(keyFile, baseDirectory);
            try
            {
                installationKey = File.ReadAllText(keyPath).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AgentConfigException($"cannot read the installation key file {keyPath}: {e.Message}", e);
            }

            if (installationKey.Length == 0)
            {
                throw new AgentConfigException($"the installation key file {keyPath} is empty");
            }
        }

        if (installationKey is { Length: 0 })
        {
            throw new AgentConfigException("installation_key is empty");
        }

        return new AgentConfig
        {
            Host = host,
            Port = port,
            ServerName = OptionalString(root, "server_name") ?? host,
            Pins = pins,
            InstallationKey = installationKey,
            StateDirectory = stateDirectory,
            QueueMaxEvents = (int)Number(root, "queue_max_events", 10_000, 1, 10_000_000),
            QueueMaxBytes = Number(root, "queue_max_bytes", 50L * 1024 * 1024, 64 * 1024, 16L * 1024 * 1024 * 1024),
            Workers = (int)Number(root, "workers", 4, 1, 64),
            UrgentWorkers = (int)Number(root, "urgent_workers", 2, 1, 16),
            TaskTimeout = TimeSpan.FromSeconds(Number(root, "task_timeout_seconds", 600, 1, 86_400)),
            PingInterval = TimeSpan.FromMilliseconds(Number(root, "ping_interval_ms", 30_000, 50, 3_600_000)),
            ReadTimeout = TimeSpan.FromMilliseconds(Number(root, "read_timeout_ms", 90_000, 100, 3_600_000)),
            ConnectTimeout = TimeSpan.FromMilliseconds(Number(root, "connect_timeout_ms", 10_000, 100, 600_000)),
            HandshakeTimeout = TimeSpan.FromMilliseconds(Number(root, "handshake_timeout_ms", 15_000, 100, 600_000)),
            BackoffMin = TimeSpan.FromMilliseconds(Number(root, "backoff_min_ms", 1_000, 1, 3_600_000)),
            BackoffMax = TimeSpan.FromMilliseconds(Number(root, "backoff_max_ms", 300_000, 1, 86_400_000)),
        };
    }

    private static PinSet ReadPins(JsonElement root, string baseDirectory)
    {
        var texts = new List<string>();
        if (root.TryGetProperty("pins", out JsonElement pins))
        {
            if (pins.ValueKind != JsonValueKind.Array)
            {
                throw new AgentConfigException("pins must be an array of one or two sha256/BASE64 strings");
            }

            foreach (JsonElement pin in pins.EnumerateArray())
            {
                texts.Add(pin.ValueKind == JsonValueKind.String ? pin.GetString()! : "");
            }
        }

        if (root.TryGetProperty("pins_file", out JsonElement pinsFile) && pinsFile.ValueKind == JsonValueKind.String)
        {
            string path = Path.GetFullPath(pinsFile.GetString()!, baseDirectory);
            try
            {
                texts.AddRange(File.ReadAllLines(path).Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#')));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AgentConfigException($"cannot read the pins file {path}: {e.Message}", e);
            }
        }

        if (texts.Count is 0 or > 2)
        {
            throw new AgentConfigException($"the configuration must give one or two server key pins (primary, backup), found {texts.Count}");
        }

        var parsed = new SpkiPin[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            if (!SpkiPin.TryParse(texts[i], out parsed[i], out string error))
            {
                throw new AgentConfigException($"{(i == 0 ? "primary" : "backup")} pin: {error}");
            }
        }

        return new PinSet(parsed[0], parsed.Length > 1 ? parsed[1] : null);
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) is { Length: > 0 } value ? value : throw new AgentConfigException($"the configuration has no {name}");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AgentConfigException($"{name} must be a string");
    }

    private static long Number(JsonElement root, string name, long fallback, long min, long max)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= min && number <= max
            ? number
            : throw new AgentConfigException($"{name} must be an integer from {min} to {max}");
    }
}
