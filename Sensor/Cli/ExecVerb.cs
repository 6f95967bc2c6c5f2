using System.CommandLine;
using System.Runtime.InteropServices;
using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor exec &lt;command&gt; [arguments...]</c>: runs one command here and prints each event as a JSON line.
/// Exit code 0 when every event has ERROR 0 (or 200), 1 when the command reported an error, 2 for a usage error.
/// </summary>
public static class ExecVerb
{
    public const int ExitOk = 0;
    public const int ExitCommandError = 1;
    public const int ExitUsage = 2;

    public static Command CreateCommand()
    {
        // Only for `sensor --help`; the verb itself is dispatched by SensorCli before parsing.
        var command = new Command("exec", "Run one sensor command on this machine and print its events as JSON lines.");
        command.Arguments.Add(new Argument<string>("command") { Description = "the command name, e.g. file_hash (see `sensor commands`)" });
        command.Arguments.Add(new Argument<string[]>("arguments") { Description = "the command's arguments, as its usage line gives them", Arity = ArgumentArity.ZeroOrMore });
        command.SetAction(result => Run(result.GetValue<string[]>("arguments") is { } rest ? [result.GetValue<string>("command")!, .. rest] : [], Console.OpenStandardOutput(), Console.Out, Console.Error));
        return command;
    }

    public static int Run(ReadOnlySpan<string> args, Stream stdout, TextWriter stdoutText, TextWriter stderr)
    {
        if (args.IsEmpty || args[0] is "-h" or "--help")
        {
            stderr.WriteLine("usage: sensor exec <command> [arguments...]   (`sensor commands` lists the commands)");
            return args.IsEmpty ? ExitUsage : ExitOk;
        }

        string name = args[0];
        if (CommandTable.Find(name) is null)
        {
            stderr.WriteLine($"sensor: unknown command '{name}'; `sensor commands` lists them");
            return ExitUsage;
        }

        var sink = new JsonLinesEventSink(stdout, stdoutText);
        var context = new CommandContext(sink, LocalRouting(), Os.Family);
        CommandRunner.Run(name, args[1..], context);
        if (context.UsageError)
        {
            return ExitUsage;
        }

        return sink.AnyError ? ExitCommandError : ExitOk;
    }

    /// <summary>The routing of a locally run command: no server has assigned a sensor id.</summary>
    public static RoutingInfo LocalRouting() => new()
    {
        Hostname = Environment.MachineName,
        Plat = Os.PlatformCode,
        Arch = RoutingArch(RuntimeInformation.ProcessArchitecture),
    };

    /// <summary>The routing <c>arch</c> value: 1 x86, 2 x64, 3 arm, 4 arm64.</summary>
    public static int RoutingArch(Architecture architecture) => architecture switch
    {
        Architecture.X86 => 1,
        Architecture.X64 => 2,
        Architecture.Arm => 3,
        Architecture.Arm64 => 4,
        _ => 0,
    };
}
