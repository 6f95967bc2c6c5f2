using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor exec &lt;command&gt; [arguments...]</c>: runs one command here and prints each event as a JSON line.
/// Exit code 0 when every event has ERROR 0 (or 200), 1 when the command reported an error, 2 for a usage error.
/// <c>--repeat N</c> runs the command N times in one process and prints each run's time to stderr (benchmarks).
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
            stderr.WriteLine("usage: sensor exec [--repeat N] <command> [arguments...]   (`sensor commands` lists the commands)");
            return args.IsEmpty ? ExitUsage : ExitOk;
        }

        // --repeat N (before the command): run it N times in this process and print each run's wall time to stderr,
        // so benchmarks can tell a warm agent's cost of a task (caches filled, code paged in) from process start-up.
        int repeat = 1;
        if (args.Length >= 2 && args[0] == "--repeat")
        {
            if (!int.TryParse(args[1], out repeat) || repeat is < 1 or > 1000)
            {
                stderr.WriteLine("sensor: --repeat takes a count from 1 to 1000");
                return ExitUsage;
            }

            args = args[2..];
            if (args.IsEmpty)
            {
                stderr.WriteLine("usage: sensor exec [--repeat N] <command> [arguments...]");
                return ExitUsage;
            }
        }

        string name = args[0];
        if (CommandTable.Find(name) is null)
        {
            stderr.WriteLine($"sensor: unknown command '{name}'; `sensor commands` lists them");
            return ExitUsage;
        }

        var sink = new JsonLinesEventSink(stdout, stdoutText);
        for (int run = 1; run <= repeat; run++)
        {
            var context = new CommandContext(sink, LocalRouting(), Os.Family);
            long started = Stopwatch.GetTimestamp();
            CommandRunner.Run(name, args[1..], context);
            if (repeat > 1)
            {
                stderr.WriteLine($"run {run}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F3} ms");
            }

            if (context.UsageError)
            {
                return ExitUsage;
            }
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
