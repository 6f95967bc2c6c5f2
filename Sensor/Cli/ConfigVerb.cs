using System.CommandLine;
using Sensor.Agent;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor config check [--config PATH]</c>: loads the configuration as <c>sensor run</c> would (file plus
/// <c>SENSOR_*</c> variables), runs the permission check, and prints a summary with the secrets redacted. Exit 0
/// when the agent would start; 2 and a message naming the field or path at fault when it would refuse.
/// </summary>
public static class ConfigVerb
{
    public static Command CreateCommand()
    {
        var config = new Option<string>("--config") { Description = "the agent configuration (JSON)", DefaultValueFactory = _ => AgentVerbs.DefaultConfigPath };
        var check = new Command("check", "Validate the configuration and the permissions of the sensor's files; print a redacted summary.") { config };
        check.SetAction(result => Check(result.GetValue(config)!, AgentConfig.ProcessEnvironment(), Console.Out, Console.Error));
        return new Command("config", "Inspect the agent configuration.") { check };
    }

    public static int Check(string configPath, IReadOnlyDictionary<string, string> environment, TextWriter output, TextWriter error)
    {
        foreach (string name in AgentConfig.UnknownVariables(environment))
        {
            error.WriteLine($"sensor: warning: {name} is set but overrides no configuration field");
        }

        AgentConfig config;
        try
        {
            config = AgentConfig.Load(configPath, environment);
        }
        catch (AgentConfigException e)
        {
            error.WriteLine(e.Field is null ? $"sensor: config: {e.Message}" : $"sensor: config: field {e.Field}: {e.Message}");
            return AgentVerbs.ExitConfigError;
        }

        output.WriteLine($"config: {Path.GetFullPath(configPath)}");
        foreach (string field in AgentConfig.Fields)
        {
            if (environment.TryGetValue(AgentConfig.EnvironmentName(field), out string? value) && value.Length > 0)
            {
                output.WriteLine($"  overridden by {AgentConfig.EnvironmentName(field)}: {field}");
            }
        }

        foreach (var (name, value) in Summary(config))
        {
            output.WriteLine($"{name}: {value}");
        }

        int problems = 0;
        foreach (PermissionFinding finding in FilePermissionCheck.CheckInstallation(configPath, config))
        {
            output.WriteLine($"permissions {finding.Role} {finding.Path}: {finding.Problem ?? "ok"}");
            if (finding.Problem is not null)
            {
                error.WriteLine($"sensor: config: {finding.Role}: {finding.Problem}");
                problems++;
            }
        }

        return problems == 0 ? 0 : AgentVerbs.ExitConfigError;
    }

    /// <summary>Every effective setting, secrets replaced: what <c>config check</c> and <c>health</c> show.</summary>
    public static IEnumerable<(string Name, string Value)> Summary(AgentConfig config)
    {
        yield return ("server", $"{config.Host}:{config.Port}");
        yield return ("server_name", config.ServerName);
        yield return ("pins", config.Pins.Primary + (config.Pins.Backup is { } backup ? ", " + backup : ""));
        yield return ("installation_key", config.InstallationKey is null ? "(not set)" : "(set, redacted)");
        yield return ("state_dir", config.StateDirectory);
        yield return ("log_file", config.LogFile is null ? "(none)" : $"{config.LogFile} (rotated at {config.LogFileMaxBytes} bytes)");
        yield return ("queue", $"{config.QueueMaxEvents} events, {config.QueueMaxBytes} bytes");
        yield return ("workers", $"{config.Workers} + {config.UrgentWorkers} urgent, task timeout {config.TaskTimeout.TotalSeconds:0} s");
        yield return ("timeouts", $"ping {config.PingInterval.TotalMilliseconds:0} ms, read {config.ReadTimeout.TotalMilliseconds:0} ms, "
            + $"connect {config.ConnectTimeout.TotalMilliseconds:0} ms, handshake {config.HandshakeTimeout.TotalMilliseconds:0} ms, "
            + $"backoff {config.BackoffMin.TotalMilliseconds:0}..{config.BackoffMax.TotalMilliseconds:0} ms");
    }
}
