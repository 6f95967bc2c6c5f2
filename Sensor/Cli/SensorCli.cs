using System.CommandLine;

namespace Sensor.Cli;

/// <summary>
/// The command line of the <c>sensor</c> binary. <c>exec</c> is dispatched before System.CommandLine sees it: its
/// arguments belong to the sensor command being run and are parsed by the generated parser, the same one that
/// parses tasks from the server.
/// </summary>
public static class SensorCli
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "exec")
        {
            return ExecVerb.Run(args.AsSpan(1), Console.OpenStandardOutput(), Console.Out, Console.Error);
        }

        var root = new RootCommand("Endpoint sensor: runs response commands on this host and answers with reply events.");
        root.Subcommands.Add(ExecVerb.CreateCommand());
        root.Subcommands.Add(CommandsVerb.CreateCommand());
        root.Subcommands.Add(VersionVerb.CreateCommand());
        root.Subcommands.Add(AgentVerbs.CreateRunCommand());
        root.Subcommands.Add(AgentVerbs.CreateStatusCommand());
        root.Subcommands.Add(ConfigVerb.CreateCommand());
        root.Subcommands.Add(HealthVerb.CreateCommand());
        root.Subcommands.Add(InstallVerbs.CreateInstallCommand());
        root.Subcommands.Add(InstallVerbs.CreateUninstallCommand());
        return root.Parse(args).Invoke();
    }
}
