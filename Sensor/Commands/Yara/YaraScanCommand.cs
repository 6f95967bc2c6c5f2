using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Platform.Processes;
using Sensor.Yara;

namespace Sensor.Commands.Yara;

/// <summary>
/// Compiles the rule once and scans process memory (one pid, every process, or those whose executable path matches
/// <c>--processExpr</c>) and files (<c>--filePath</c>, or a <c>--root-dir</c> walk) with it: one
/// <c>YARA_DETECTION</c> per matching rule and target, then a completion <c>{ERROR 0, ERROR_MESSAGE "done"}</c> with
/// <c>SCANNED_COUNT</c>, <c>SKIPPED_COUNT</c>, <c>ERROR_COUNT</c> and the limits that bit (<c>LIMITS_REACHED</c>).
/// </summary>
/// <remarks>
/// Memory is read by the scan engine's block reader (process_vm_readv, the target is never stopped) and fed to
/// libyara as memory blocks; files are mapped by libyara. <c>--is-memory-only</c> and <c>--is-no-validation</c> are
/// accepted for compatibility: process scans here always read memory only, and the rule is always compiled (which
/// is its validation) before anything is scanned.
/// </remarks>
[Command("yara_scan", 49, ReplyEvent = "YARA_DETECTION", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
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

    /// <summary>The caps (tests lower them); defaults are the documented ones.</summary>
    internal static YaraScanLimits Limits { get; set; } = YaraScanLimits.Default;

    public static void Execute(YaraScanCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        int error = YaraRuleSource.Resolve(arguments.Rule, context.Cancellation, out string source, out string? message);
        if (error == ErrorCodes.Success)
        {
            error = YaraCompiler.Compile(source, out YaraRules? rules, out message);
            if (error == ErrorCodes.Success)
            {
                using (rules)
                {
                    Scan(arguments, rules!, context);
                }

                return;
            }
        }

        reply.Begin(YaraScanRun.DetectionEvent);
        reply.End(error, message);
    }

    private static void Scan(YaraScanCommand arguments, YaraRules rules, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        YaraScanLimits limits = Limits;
        var targets = new List<YaraTarget>();
        bool filesTruncated = false;
        bool anyFiles = arguments.FilePath is not null || arguments.RootDir is not null;
        if (arguments.FilePath is { } file)
        {
            targets.Add(YaraTarget.File(Utf8Path.From(file)));
        }

        if (arguments.RootDir is { } root)
        {
            var walker = new DirectoryWalker(arguments.Depth, Utf8Path.From(arguments.FileExp)) { Cancellation = context.Cancellation };
            var collector = new FileCollector(targets, limits.MaxFiles);
            int walkError = walker.Walk(Utf8Path.From(root), ref collector);
            if (walkError != ErrorCodes.Success)
            {
                reply.Begin(YaraScanRun.DetectionEvent);
                reply.End(walkError, $"cannot read the directory {root}");
                return;
            }

            filesTruncated = collector.Truncated;
        }

        if (arguments.Pid > 0)
        {
            if (Os.GetProcess(arguments.Pid, new ProcessEntry(), withCommandLine: false) != ErrorCodes.Success)
            {
                reply.Begin(YaraScanRun.DetectionEvent);
                reply.End(ErrorCodes.InvalidParameter, $"no process with pid {arguments.Pid}");
                return;
            }

            targets.Add(YaraTarget.Process(arguments.Pid));
        }
        else if (arguments.ProcessExpr is not null || (arguments.Pid == -1 && !anyFiles))
        {
            int listError = AddProcesses(arguments.ProcessExpr, targets);
            if (listError != ErrorCodes.Success)
            {
                reply.Begin(YaraScanRun.DetectionEvent);
                reply.End(listError, "cannot list processes");
                return;
            }
        }
        else if (arguments.Pid != -1)
        {
            reply.Begin(YaraScanRun.DetectionEvent);
            reply.End(ErrorCodes.InvalidParameter, $"invalid pid {arguments.Pid} (-1 means every process)");
            return;
        }

        var run = new YaraScanRun(rules, limits, reply, new Lock(), context.Cancellation);
        run.Run(targets);
        YaraScanCounts counts = run.Counts;
        reply.Begin(YaraScanRun.DetectionEvent);
        reply.Field(FieldNames.ScannedCount, counts.Scanned);
        reply.Field(FieldNames.SkippedCount, counts.Skipped);
        reply.Field(FieldNames.ErrorCount, counts.Failed);
        List<string> texts = counts.LimitTexts(limits, filesTruncated);
        if (texts.Count > 0)
        {
            reply.Field(FieldNames.Truncated, true);
            reply.BeginArray(FieldNames.LimitsReached);
            foreach (string text in texts)
            {
                reply.Item(text);
            }

            reply.EndArray();
        }

        reply.End(context.Cancellation.IsCancellationRequested ? ErrorCodes.Timeout : ErrorCodes.Success, "done");
    }

    /// <summary>Every process but the sensor, or those whose executable's full path matches the expression.</summary>
    internal static int AddProcesses(string? expression, List<YaraTarget> targets)
    {
        var pids = new List<int>();
        int error = Os.ListProcessIds(pids);
        if (error != ErrorCodes.Success)
        {
            return error;
        }

        byte[]? pattern = expression is null ? null : Utf8Path.From(expression);
        var entry = new ProcessEntry();
        foreach (int pid in pids)
        {
            // The sensor itself holds the rule's strings; scanning it would only find them.
            if (pid == Os.CurrentProcessId)
            {
                continue;
            }

            if (pattern is not null)
            {
                // The process could be gone already: then it is simply not a target.
                if (Os.GetProcess(pid, entry, withCommandLine: false) != ErrorCodes.Success
                    || !WildcardPattern.IsMatch(pattern, Utf8Path.From(entry.FilePath)))
                {
                    continue;
                }
            }

            targets.Add(YaraTarget.Process(pid));
        }

        return ErrorCodes.Success;
    }

    private struct FileCollector(List<YaraTarget> targets, int maxFiles) : IWalkVisitor
    {
        public bool Truncated;
        private int _count;

        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            if (entry.Kind != DirectoryEntryKind.File)
            {
                return true;
            }

            if (_count >= maxFiles)
            {
                Truncated = true;
                return false;
            }

            _count++;
            targets.Add(YaraTarget.File(path.ToArray()));
            return true;
        }
    }
}
