using System.CommandLine;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Logging;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor health [--config PATH] [--json]</c>: a report of the facts a support engineer asks for first (version,
/// OS, uptime, the binary and its hash, the configuration and its permission check, the state directory and
/// enrollment, the heap limit, the log destinations) and a live TLS probe of the configured server showing the key
/// it presents against the pins. Secrets never appear: the installation key and credential are reported as
/// set or not. Exit 0 when the agent could start and reach its server; 1 otherwise (the report says why).
/// </summary>
public static class HealthVerb
{
    public static Command CreateCommand()
    {
        var config = new Option<string>("--config") { Description = "the agent configuration (JSON)", DefaultValueFactory = _ => AgentVerbs.DefaultConfigPath };
        var json = new Option<bool>("--json") { Description = "print the report as JSON (the default is one 'path: value' line a fact)" };
        var command = new Command("health", "Report system facts and probe the configured server over TLS (secrets redacted).") { config, json };
        command.SetAction((result, cancellation) => RunAsync(result.GetValue(config)!, result.GetValue(json), Console.Out, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(string configPath, bool asJson, TextWriter output, CancellationToken cancellation)
    {
        var buffer = new MemoryStream();
        bool healthy;
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            healthy = await WriteReportAsync(json, configPath, cancellation).ConfigureAwait(false);
        }

        if (asJson)
        {
            output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
            WriteLines(output, "", document.RootElement);
        }

        return healthy ? 0 : 1;
    }

    private static async Task<bool> WriteReportAsync(Utf8JsonWriter json, string configPath, CancellationToken cancellation)
    {
        bool healthy = true;
        json.WriteStartObject();
        json.WriteString("version", VersionVerb.VersionText);
        json.WriteString("runtime_identifier", RuntimeInformation.RuntimeIdentifier);
        OsVersionInfo os = Os.GetOsVersion();
        json.WriteStartObject("os");
        json.WriteString("family", Os.Family.ToString());
        json.WriteString("name", os.OsName);
        json.WriteString("version", os.VersionString);
        json.WriteString("kernel", os.KernelVersion);
        json.WriteString("architecture", os.Architecture);
        json.WriteEndObject();

        // Environment.TickCount64 counts from boot on Linux, Windows and macOS.
        json.WriteNumber("uptime_seconds", Environment.TickCount64 / 1000);
        json.WriteString("hostname", Environment.MachineName);
        json.WriteBoolean("privileged", Environment.IsPrivilegedProcess);
        WriteBinary(json);
        json.WriteNumber("heap_hard_limit_bytes", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        // The service manager's view (systemd, the SCM, launchd): "unknown" where it cannot be asked (no systemd).
        json.WriteString("service", ServiceStateName(Os.QueryService()));

        json.WriteStartObject("config");
        json.WriteString("path", Path.GetFullPath(configPath));
        AgentConfig? config = null;
        try
        {
            config = AgentConfig.Load(configPath);
            json.WriteBoolean("valid", true);
            foreach (var (name, value) in ConfigVerb.Summary(config))
            {
                json.WriteString(name, value);
            }
        }
        catch (AgentConfigException e)
        {
            healthy = false;
            json.WriteBoolean("valid", false);
            json.WriteString("field", e.Field);
            json.WriteString("error", e.Message);
        }

        json.WriteStartArray("permissions");
        foreach (PermissionFinding finding in FilePermissionCheck.CheckInstallation(configPath, config))
        {
            healthy &= finding.Problem is null;
            json.WriteStartObject();
            json.WriteString("role", finding.Role);
            json.WriteString("path", finding.Path);
            json.WriteBoolean("ok", finding.Problem is null);
            json.WriteString("problem", finding.Problem);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        using (var logger = new SensorLogger(TextWriter.Null))
        {
            if (config?.LogFile is { } logFile)
            {
                json.WriteString("log", $"{logger.Destinations} + {logFile}");
            }
            else
            {
                json.WriteString("log", logger.Destinations);
            }
        }

        if (config is null)
        {
            json.WriteEndObject();
            return false;
        }

        WriteState(json, config);
        json.WriteStartObject("server_probe");
        ServerProbeResult probe = await ServerProbe.RunAsync(config, cancellation).ConfigureAwait(false);
        healthy &= probe.Error is null;
        json.WriteString("server", $"{config.Host}:{config.Port}");
        json.WriteString("server_name", config.ServerName);
        json.WriteBoolean("connected", probe.Connected);
        json.WriteNumber("connect_ms", Math.Round(probe.ConnectMs, 2));
        if (probe.Connected)
        {
            json.WriteNumber("handshake_ms", Math.Round(probe.HandshakeMs, 2));
        }

        json.WriteString("protocol", probe.Protocol);
        if (probe.Subject is not null)
        {
            json.WriteStartObject("certificate");
            json.WriteString("subject", probe.Subject);
            json.WriteString("issuer", probe.Issuer);
            json.WriteString("not_before", probe.NotBefore?.ToString("O"));
            json.WriteString("not_after", probe.NotAfter?.ToString("O"));
            json.WriteString("sha256", probe.CertificateSha256);
            json.WriteBoolean("name_matches", probe.NameMatches);
            json.WriteEndObject();
        }

        json.WriteString("presented_pin", probe.PresentedPin?.ToString());
        json.WriteString("pinned_primary", config.Pins.Primary.ToString());
        json.WriteString("pinned_backup", config.Pins.Backup?.ToString());
        json.WriteString("pin_match", probe.PinMatch);
        json.WriteString("error", probe.Error);
        json.WriteEndObject();
        json.WriteEndObject();
        return healthy;
    }

    private static void WriteBinary(Utf8JsonWriter json)
    {
        json.WriteStartObject("binary");
        string? path = Environment.ProcessPath;
        json.WriteString("path", path);
        try
        {
            if (path is not null)
            {
                using FileStream file = File.OpenRead(path);
                json.WriteNumber("size", file.Length);
                json.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(file)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            json.WriteString("error", e.Message);
        }

        json.WriteEndObject();
    }

    /// <summary>Whether the sensor is enrolled, and as which sid; read without creating anything.</summary>
    private static void WriteState(Utf8JsonWriter json, AgentConfig config)
    {
        json.WriteStartObject("state");
        json.WriteString("directory", config.StateDirectory);
        json.WriteBoolean("exists", Directory.Exists(config.StateDirectory));
        string identity = Path.Combine(config.StateDirectory, "identity.json");
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(identity));
            json.WriteBoolean("enrolled", true);
            json.WriteString("sid", document.RootElement.TryGetProperty("sid", out JsonElement sid) ? sid.GetString() : null);
            json.WriteString("credential", "(stored, redacted)");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            json.WriteBoolean("enrolled", false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            json.WriteBoolean("enrolled", false);
            json.WriteString("error", $"cannot read {identity}: {e.Message}");
        }

        json.WriteEndObject();
    }

    private static void WriteLines(TextWriter output, string prefix, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    WriteLines(output, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", property.Value);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteLines(output, $"{prefix}[{i++}]", item);
                }

                break;
            case JsonValueKind.String:
                output.WriteLine($"{prefix}: {element.GetString()}");
                break;
            default:
                output.WriteLine($"{prefix}: {element.GetRawText()}");
                break;
        }
    }

    private static string ServiceStateName(ServiceRunState state) => state switch
    {
        ServiceRunState.NotInstalled => "not_installed",
        ServiceRunState.Stopped => "stopped",
        ServiceRunState.Starting => "starting",
        ServiceRunState.Running => "running",
        ServiceRunState.Stopping => "stopping",
        ServiceRunState.Failed => "failed",
        _ => "unknown",
    };
}
