namespace Sensor.Tests.Generators;

/// <summary>Handler sources compiled in memory by the generator tests.</summary>
internal static class CommandTableSamples
{
    /// <summary>
    /// The golden sample: positionals with an optional last one; options with hex, a flag, one-or-more and a required
    /// repeatable option ahead of a positional list; and a planned command. mem_find comes last in the file so the
    /// caching test can edit its body without moving the other handlers.
    /// </summary>
    public const string Golden = """
        using Sensor.Platform;

        namespace Sensor.Commands.Samples;

        [Command("dir_find", 3, ReplyEvent = "DIR_FIND_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
            Description = "Find the files matching an expression under a directory.")]
        public sealed partial class DirFindCommand
        {
            [Option("-d", "--depth", Help = "optional maximum depth of the search, defaults to 5")]
            public int Depth { get; set; } = 5;

            [Positional("rootDir", Help = "the root directory where to begin the search")]
            public string RootDir { get; set; } = "";

            [Positional("fileExp", Help = "a file name expression supporting basic wildcards like * and ?")]
            public string FileExp { get; set; } = "";

            [Positional("limit", Optional = true, Help = "stop after this many matches")]
            public int? Limit { get; set; }

            public static void Execute(DirFindCommand arguments, CommandContext context) => context.Ran(arguments);
        }

        [Command("mem_read", 20, ReplyEvent = "MEM_READ_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
            Planned = true, Urgent = true, Description = "Read a block of a process's memory.")]
        public sealed partial class MemReadCommand
        {
            [Positional("pid", Help = "pid of the process")]
            public int Pid { get; set; }

            [Positional("baseAddr", Hex = true, Help = "base address to read from, in hex")]
            public ulong BaseAddress { get; set; }

            [Positional("memSize", Help = "number of bytes to read")]
            public int Size { get; set; }
        }

        [Command("mem_find", 12, ReplyEvent = "MEM_FIND_REP", Platforms = OsFamily.Windows | OsFamily.Linux,
            Description = "Find strings in the memory of processes.")]
        public sealed partial class MemFindCommand
        {
            [Option("--pid", "-p", Help = "pid of the process to search")]
            public int? Pid { get; set; }

            [Option("-b", "--base-address", Hex = true, Meta = "ADDR", Help = "address to begin at, in hex")]
            public ulong BaseAddress { get; set; }

            [Option("-l", "--length", Hex = true, Help = "number of bytes to search from the base address, in hex; the whole region when absent")]
            public long Length { get; set; } = -1;

            [Option("--is-no-modules", Help = "skip the regions backed by modules")]
            public bool NoModules { get; set; }

            [Option("-s", "--string", OneOrMore = true, Help = "strings to look for")]
            public string[] Strings { get; set; } = [];

            [Option("--hash", Required = true, Meta = "HASHES", Help = "hash of a module to include; repeat for more")]
            public string[] Hashes { get; set; } = [];

            [Positional("atom", Help = "atoms of the processes to search")]
            public string[] Atoms { get; set; } = [];

            public static void Execute(MemFindCommand arguments, CommandContext context) => context.Ran(arguments);
        }
        """;

    /// <summary>
    /// Stands in for the real CommandContext (which needs a sink and an event builder): same reply methods, and it
    /// records what the dispatcher did.
    /// </summary>
    public const string CommandContextStub = """
        using Sensor.Platform;

        namespace Sensor.Commands;

        public sealed class CommandContext(OsFamily hostPlatform)
        {
            public OsFamily HostPlatform { get; } = hostPlatform;

            public CommandDescriptor? Command { get; internal set; }

            public string Outcome { get; set; } = "";

            public object? Arguments { get; set; }

            public void Ran(object arguments)
            {
                Outcome = "ran";
                Arguments = arguments;
            }

            public void ReplyHelp(CommandDescriptor command) => Outcome = "help";

            public void ReplyParseError(CommandDescriptor command, string message) => Outcome = "error: " + message;

            public void ReplyNotSupported(CommandDescriptor command) => Outcome = "not supported";

            public void ReplyNotImplemented(CommandDescriptor command) => Outcome = "not implemented";
        }
        """;

    /// <summary>Array-taking entry points: a ReadOnlySpan parameter cannot be passed through reflection.</summary>
    public const string Probe = """
        using Sensor.Platform;

        namespace Sensor.Commands;

        public static class Probe
        {
            public static CommandContext Run(string name, string[] arguments, int hostPlatform)
            {
                var context = new CommandContext((OsFamily)hostPlatform);
                if (!CommandTable.Execute(name, arguments, context))
                {
                    context.Outcome = "unknown";
                }

                return context;
            }

            public static CommandContext RunById(int id, string[] arguments, int hostPlatform)
            {
                var context = new CommandContext((OsFamily)hostPlatform);
                CommandTable.Execute(id, arguments, context);
                return context;
            }

            public static string? Validate(string name, string[] arguments) => CommandTable.Validate(name, arguments);
        }
        """;

    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
