using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("yara_scan", 49, ReplyEvent = "YARA_DETECTION", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Scan for a specific yara signature in memory and files on the endpoint.")]
public sealed partial class YaraScanCommand
{
    [Option("--pid", "-p", Meta = "PID", Help = "pid of the process to scan [default: -1]")]
    public int Pid { get; set; } = -1;

    [Option("--filePath", "-f", Meta = "FILEPATH", Help = "path to the file scan")]
    public string? FilePath { get; set; }

    [Option("--processExpr", "-e", Meta = "PROCESSEXPR", Help = "expression to match on to scan (matches on full process path)")]
    public string? ProcessExpr { get; set; }

    [Option("--is-memory-only", Help = "only scan the memory, ignore files on disk. [default: true]")]
    public bool IsMemoryOnly { get; set; }

    [Option("--is-no-validation", Help = "if specified, do not validate the rule before sending. [default: false]")]
    public bool IsNoValidation { get; set; }

    [Option("--root-dir", "-r", Meta = "ROOT-DIR", Help = "the root directory where to begin the search for files to scan")]
    public string? RootDir { get; set; }

    [Option("--file-exp", "-x", Meta = "FILE-EXP", Help = "a file name expression supporting basic wildcards like * and ? to match against files in the --root-dir [default: *]")]
    public string FileExp { get; set; } = "*";

    [Option("--depth", "-d", Meta = "DEPTH", Help = "optional maximum depth of the search for files to scan, defaults to a single level")]
    public int Depth { get; set; } = 1;

    [Positional("RULE", Help = "rule to compile and run on sensor, literal rule or \"https://\" URL or base64 encoded rule")]
    public string Rule { get; set; } = "";
}
