using System.CommandLine;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Platform;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor install --installation-key KEY --server HOST:PORT --pin SHA256 [--pin BACKUP]</c>: writes the
/// configuration (docs/protocol.md §7, mode 0600, atomically), puts this binary at its installed path and installs
/// and starts the service (<see cref="IServiceHost.InstallService"/>). <c>sensor uninstall [--purge]</c>: stops and
/// removes the service; <c>--purge</c> also the configuration, identity, state and logs. Exit 0 done, 1 a step
/// failed, 2 a bad argument (the message names it). <see cref="InstallRoot"/> (<c>SENSOR_INSTALL_ROOT</c>) stages
/// the files under another root for tests and packaging.
/// </summary>
public static class InstallVerbs
{
    public const int ExitFailed = 1;
    public const int ExitBadArgument = 2;

    /// <summary>Where <c>--installation-key</c> may come from instead, so it never shows in a process list.</summary>
    public const string KeyEnvironmentVariable = "SENSOR_INSTALLATION_KEY";

    public static Command CreateInstallCommand()
    {
        var key = new Option<string>("--installation-key") { Description = "the installation key the server issued (needed until the sensor enrolls; default: $SENSOR_INSTALLATION_KEY)" };
        var server = new Option<string>("--server") { Description = "the server's channel address, HOST:PORT" };
        var pins = new Option<string[]>("--pin") { Description = "the server key pin, sha256/BASE64 (twice: primary and backup)", Arity = ArgumentArity.ZeroOrMore };
        var serverName = new Option<string>("--server-name") { Description = "the name the server certificate carries (default: the host of --server)" };
        var noService = new Option<bool>("--no-service") { Description = "write the configuration only; the package's scripts manage the service" };
        var command = new Command("install", "Write the configuration and install and start the sensor service.")
        {
            key, server, pins, serverName, noService,
        };
        command.SetAction(result => Install(
            new InstallRequest(result.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyEnvironmentVariable), result.GetValue(server), result.GetValue(pins) ?? [], result.GetValue(serverName), result.GetValue(noService)),
            Console.Out, Console.Error));
        return command;
    }

    public static Command CreateUninstallCommand()
    {
        var purge = new Option<bool>("--purge") { Description = "also remove the configuration, the sensor's identity, its state and logs" };
        var command = new Command("uninstall", "Stop and remove the sensor service.") { purge };
        command.SetAction(result => Uninstall(result.GetValue(purge), Console.Out, Console.Error));
        return command;
    }

    /// <summary>What <c>sensor install</c> was given.</summary>
    public sealed record InstallRequest(string? InstallationKey, string? Server, IReadOnlyList<string> Pins, string? ServerName, bool NoService);

    public static ServiceInstallation DefaultInstallation => new(Os.DefaultBinaryPath, Os.DefaultConfigPath, Os.DefaultStateDirectory);

    public static int Install(InstallRequest request, TextWriter output, TextWriter error)
    {
        if (Validate(request) is { } bad)
        {
            error.WriteLine($"sensor install: {bad}");
            return ExitBadArgument;
        }

        if (!InstallRoot.IsStaged && !Environment.IsPrivilegedProcess)
        {
            error.WriteLine("sensor install: must run as root (Administrator on Windows)");
            return ExitFailed;
        }

        ServiceInstallation installation = DefaultInstallation;
        string configPath = InstallRoot.Apply(installation.ConfigPath);
        // A reinstall keeps the state directory a configuration already names: the identity there spares enrolling again.
        if (ReadStateDirectory(configPath) is { } stateDirectory)
        {
            installation = installation with { StateDirectory = stateDirectory };
        }

        try
        {
            CreatePrivateDirectory(Path.GetDirectoryName(configPath)!);
            CreatePrivateDirectory(InstallRoot.Apply(installation.StateDirectory));
            byte[]? existing = File.Exists(configPath) ? File.ReadAllBytes(configPath) : null;
            AtomicFile.Write(configPath, BuildConfig(request, installation.StateDirectory, existing));
            output.WriteLine($"sensor install: configuration written to {configPath}");
            if (request.NoService)
            {
                return 0;
            }

            if (CopyBinary(InstallRoot.Apply(installation.BinaryPath)) is { } copiedTo)
            {
                output.WriteLine($"sensor install: binary copied to {copiedTo}");
            }

            Os.InstallService(installation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ServiceOperationException)
        {
            error.WriteLine($"sensor install: {e.Message}");
            return ExitFailed;
        }

        ServiceRunState state = Os.QueryService();
        if (state == ServiceRunState.Unknown)
        {
            output.WriteLine($"sensor install: service '{Os.ServiceName}' registered but NOT started: "
                + (InstallRoot.IsStaged
                    ? $"{InstallRoot.EnvironmentVariable} is set, so only files were written"
                    : "no service manager is running here (a container or chroot?); start it when one is"));
        }
        else
        {
            output.WriteLine($"sensor install: service '{Os.ServiceName}' installed and enabled, now {state}");
        }

        return 0;
    }

    public static int Uninstall(bool purge, TextWriter output, TextWriter error)
    {
        if (!InstallRoot.IsStaged && !Environment.IsPrivilegedProcess)
        {
            error.WriteLine("sensor uninstall: must run as root (Administrator on Windows)");
            return ExitFailed;
        }

        ServiceInstallation installation = DefaultInstallation;
        // Purge the state directory the configuration names; a broken configuration must not block an uninstall.
        if (ReadStateDirectory(InstallRoot.Apply(installation.ConfigPath)) is { } stateDirectory)
        {
            installation = installation with { StateDirectory = stateDirectory };
        }

        try
        {
            Os.UninstallService(installation, purge);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ServiceOperationException)
        {
            error.WriteLine($"sensor uninstall: {e.Message}");
            return ExitFailed;
        }

        output.WriteLine(Os.QueryService() is ServiceRunState.Running or ServiceRunState.Stopping
            ? $"sensor uninstall: service '{Os.ServiceName}' is stopping; the uninstall continues outside it"
            : $"sensor uninstall: service '{Os.ServiceName}' removed" + (purge ? "; configuration, identity, state and logs purged" : ""));
        return 0;
    }

    /// <summary>The first bad argument, named as the command line names it; null when all are good.</summary>
    public static string? Validate(InstallRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.InstallationKey))
        {
            return $"--installation-key is required (or {KeyEnvironmentVariable} in the environment)";
        }

        if (request.InstallationKey.Any(char.IsControl) || request.InstallationKey.Trim().Length != request.InstallationKey.Length)
        {
            return "--installation-key has control characters or surrounding white space";
        }

        if (string.IsNullOrWhiteSpace(request.Server))
        {
            return "--server is required (HOST:PORT)";
        }

        if (!TryParseServer(request.Server, out string? problem))
        {
            return $"--server '{request.Server}' {problem}";
        }

        if (request.Pins.Count is 0 or > 2)
        {
            return $"--pin must be given once or twice (primary, backup), got {request.Pins.Count}";
        }

        for (int i = 0; i < request.Pins.Count; i++)
        {
            if (!SpkiPin.TryParse(request.Pins[i], out _, out string reason))
            {
                return $"--pin ({(i == 0 ? "primary" : "backup")}): {reason}";
            }
        }

        if (request.ServerName is { } name && (name.Length == 0 || name.Length > 253 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            return $"--server-name '{name}' is not a host name";
        }

        return null;
    }

    private static bool TryParseServer(string server, out string? problem)
    {
        problem = null;
        int colon = server.LastIndexOf(':');
        if (colon <= 0)
        {
            problem = "is not HOST:PORT";
            return false;
        }

        if (!int.TryParse(server.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out int port) || port is < 1 or > 65535)
        {
            problem = "has no port from 1 to 65535";
            return false;
        }

        string host = server[..colon];
        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']') || !System.Net.IPAddress.TryParse(host[1..^1], out _))
            {
                problem = "has a bracketed host that is not an IPv6 address";
                return false;
            }

            return true;
        }

        if (host.Contains(':'))
        {
            problem = "has an IPv6 address without brackets ([ADDRESS]:PORT)";
            return false;
        }

        if (host.Length > 253 || host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            problem = "has a host that is not a DNS name or IP address";
            return false;
        }

        return true;
    }

    /// <summary>
    /// The configuration JSON: the four fields install sets (names of docs/protocol.md §7), then every other field of
    /// the <paramref name="existing"/> configuration (tuning a reinstall should keep), minus those the new values
    /// replace (<c>pins_file</c>, <c>installation_key_file</c>, <c>server_name</c> unless given).
    /// </summary>
    public static byte[] BuildConfig(InstallRequest request, string stateDirectory, byte[]? existing)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("server", request.Server);
            if (request.ServerName is { } name)
            {
                writer.WriteString("server_name", name);
            }

            writer.WriteStartArray("pins");
            foreach (string pin in request.Pins)
            {
                SpkiPin.TryParse(pin, out SpkiPin parsed, out _);
                writer.WriteStringValue(parsed.ToString());
            }

            writer.WriteEndArray();
            writer.WriteString("installation_key", request.InstallationKey);
            writer.WriteString("state_dir", stateDirectory);
            foreach (JsonProperty kept in KeptFields(existing))
            {
                kept.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static readonly string[] ReplacedFields = ["server", "server_name", "pins", "pins_file", "installation_key", "installation_key_file", "state_dir"];

    private static List<JsonProperty> KeptFields(byte[]? existing)
    {
        var kept = new List<JsonProperty>();
        if (existing is null)
        {
            return kept;
        }

        try
        {
            // Cloned so the properties outlive the document.
            using JsonDocument document = JsonDocument.Parse(existing);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                JsonElement root = document.RootElement.Clone();
                kept.AddRange(root.EnumerateObject().Where(p => !ReplacedFields.Contains(p.Name)));
            }
        }
        catch (JsonException)
        {
            // An unreadable configuration is replaced whole.
        }

        return kept;
    }

    private static string? ReadStateDirectory(string configPath)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(configPath));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("state_dir", out JsonElement dir)
                && dir.ValueKind == JsonValueKind.String && dir.GetString() is { Length: > 0 } text && Path.IsPathFullyQualified(text)
                ? text
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Copies the running executable to <paramref name="target"/> unless it already runs from there.</summary>
    private static string? CopyBinary(string target)
    {
        string source = Environment.ProcessPath ?? throw new IOException("cannot find this executable to copy it");
        if (string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), Os.PathComparison))
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temp = target + ".tmp";
        File.Copy(source, temp, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        // A rename, so a running copy of the old binary keeps its inode and the path never holds half a file.
        File.Move(temp, target, overwrite: true);
        return target;
    }
}
