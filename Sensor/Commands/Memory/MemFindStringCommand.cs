using Sensor.Commands.Processes;
using Sensor.Events;
using Sensor.Platform;
using Sensor.Scanning;

namespace Sensor.Commands.Memory;

/// <summary>
/// Finds strings, each as ASCII and as UTF-16LE, in one process or (pid 0) every process but the sensor, in one
/// vectorized multi-needle pass per chunk. Limits per process: <see cref="Deadline"/>, <see cref="ByteBudget"/> and
/// <see cref="MaxHitsPerProcess"/>; <see cref="MaxHitsTotal"/> over all. A process that exits or cannot be read
/// gets its own <c>ERROR</c> in its entry (one pid) or is counted (pid 0), and the scan goes on. Each process is
/// scanned on <see cref="MemoryScanThreads.Current"/> threads; the reply does not depend on how many.
/// </summary>
[Command("mem_find_string", 24, ReplyEvent = "MEM_FIND_STRING_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Find specific strings in memory.")]
public sealed partial class MemFindStringCommand
{
    public const int MaxHitsPerProcess = 1000;
    public const int MaxHitsTotal = 10_000;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    public const long ByteBudget = 16L << 30;

    [Option("-s", "--strings", Meta = "STRING", Required = true, OneOrMore = true, Help = "list of strings to look for")]
    public string[] Strings { get; set; } = [];

    [Positional("pid", Help = "pid of the process to search in, 0 for all processes")]
    public int Pid { get; set; }

    /// <summary>The scan options (tests lower the limits); defaults are the documented caps.</summary>
    internal static MemoryScanOptions Options { get; set; } = new() { Deadline = Deadline, ByteBudget = ByteBudget };

    public static void Execute(MemFindStringCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        NeedleSet needles;
        try
        {
            needles = new NeedleSet(arguments.Strings);
        }
        catch (ArgumentException e)
        {
            reply.Begin("MEM_FIND_STRING_REP");
            reply.End(ErrorCodes.InvalidParameter, e.Message);
            return;
        }

        var pids = new List<int>();
        var target = new ProcessTarget();
        if (arguments.Pid != 0)
        {
            int error = target.Resolve(arguments.Pid, null, forControl: false, out string? message);
            if (error != ErrorCodes.Success)
            {
                reply.Begin("MEM_FIND_STRING_REP");
                reply.End(error, message);
                return;
            }

            pids.Add(arguments.Pid);
            reply.Begin("MEM_FIND_STRING_REP", target.Atom, target.ParentAtom);
        }
        else
        {
            reply.Begin("MEM_FIND_STRING_REP");
            int error = Os.ListProcessIds(pids);
            if (error != ErrorCodes.Success)
            {
                reply.End(error, "cannot list processes");
                return;
            }

            pids.Remove(Os.CurrentProcessId); // the sensor holds the needles themselves
        }

        var hits = new List<StringHit>();
        int total = 0;
        int skipped = 0;
        int errors = 0;
        bool truncated = false;
        using var search = new MemoryStringSearch(needles, threads: MemoryScanThreads.Current);
        reply.BeginArray(FieldNames.Processes);
        foreach (int pid in pids)
        {
            if (context.Cancellation.IsCancellationRequested || total >= MaxHitsTotal)
            {
                truncated = true;
                break;
            }

            hits.Clear();
            ScanStopReason stop = search.SearchProcess(pid, Options, Math.Min(MaxHitsPerProcess, MaxHitsTotal - total), hits, context.Cancellation);
            total += hits.Count;
            bool gone = stop == ScanStopReason.ProcessError && search.Error == ErrorCodes.InvalidParameter;
            if (arguments.Pid == 0)
            {
                skipped += gone ? 1 : 0;
                errors += stop == ScanStopReason.ProcessError && !gone ? 1 : 0;
                if (hits.Count == 0 && stop is not (ScanStopReason.Deadline or ScanStopReason.ByteBudget))
                {
                    continue;
                }
            }

            bool cut = stop is ScanStopReason.HitCap or ScanStopReason.Deadline or ScanStopReason.ByteBudget;
            truncated |= cut;
            reply.BeginMapItem();
            reply.Field(FieldNames.ProcessId, pid);
            reply.BeginArray(FieldNames.StringsFound);
            foreach (StringHit hit in hits)
            {
                reply.BeginMapItem();
                reply.Field(FieldNames.String, needles.Needles[NeedleSet.NeedleOf(hit.PatternIndex)]);
                reply.Field(FieldNames.MemoryAddress, hit.Address);
                reply.EndMap();
            }

            reply.EndArray();
            if (cut)
            {
                reply.Field(FieldNames.Truncated, true);
                reply.Field(FieldNames.ErrorMessage, StopText(stop));
            }

            if (stop == ScanStopReason.ProcessError)
            {
                reply.Field(FieldNames.Error, search.Error);
                reply.Field(FieldNames.ErrorMessage, gone ? "the process exited during the scan" : "the process's memory could not be read");
            }

            reply.Field(FieldNames.SkippedCount, search.RegionsSkipped);
            reply.EndMap();
        }

        reply.EndArray();
        if (arguments.Pid == 0)
        {
            reply.Field(FieldNames.SkippedCount, skipped);
            reply.Field(FieldNames.ErrorCount, errors);
        }

        if (truncated)
        {
            reply.Field(FieldNames.Truncated, true);
        }

        reply.End(ErrorCodes.Success);
    }

    private static string StopText(ScanStopReason stop) => stop switch
    {
        ScanStopReason.HitCap => $"stopped at the cap of {MaxHitsPerProcess} hits per process ({MaxHitsTotal} in all)",
        ScanStopReason.Deadline => $"stopped at the {Deadline.TotalSeconds:0} s deadline per process",
        ScanStopReason.ByteBudget => $"stopped at the byte budget of {ByteBudget} bytes per process",
        _ => "",
    };
}
