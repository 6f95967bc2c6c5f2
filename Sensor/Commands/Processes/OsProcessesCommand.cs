using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>
/// Lists processes. A process that exits mid-listing is skipped and counted in <c>SKIPPED_COUNT</c>; one that cannot
/// be read counts in <c>ERROR_COUNT</c>; an event that would pass the event cap ends with <c>TRUNCATED</c>.
/// </summary>
[Command("os_processes", 34, ReplyEvent = "OS_PROCESSES_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List all running processes on the endpoint.")]
public sealed partial class OsProcessesCommand
{
    [Option("-p", "--pid", Meta = "PID", Help = "only get information on process id")]
    public int? Pid { get; set; }

    [Option("--is-no-modules", Help = "do not report modules in processes")]
    public bool IsNoModules { get; set; }

    // What the fields after the list need at most, with the event buffer's 256-byte requests.
    private const int TrailerBytes = 1024;

    public static void Execute(OsProcessesCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        var pids = new List<int>();
        Span<byte> atom = stackalloc byte[ProcessAtom.Length];
        Span<byte> parentAtom = stackalloc byte[ProcessAtom.Length];
        var entry = new ProcessEntry();
        if (arguments.Pid is { } only)
        {
            int error = only > 0 ? Os.GetProcess(only, entry, withCommandLine: true) : ErrorCodes.InvalidParameter;
            if (error != ErrorCodes.Success)
            {
                reply.Begin("OS_PROCESSES_REP");
                reply.Field(FieldNames.ProcessId, only);
                reply.End(error, error == ErrorCodes.InvalidParameter ? $"no process with pid {only}" : $"cannot read process {only}");
                return;
            }

            ProcessAtoms.Of(entry, atom);
            bool hasParent = entry.ParentProcessId > 0 && ProcessAtoms.TryGet(entry.ParentProcessId, parentAtom);
            reply.Begin("OS_PROCESSES_REP", atom, hasParent ? parentAtom : default);
        }
        else
        {
            reply.Begin("OS_PROCESSES_REP");
            // The listing's helper threads start while /proc is read (only the first listing of a process starts them).
            ParallelWork.Prepare(ProcessListing.Workers);
            int error = Os.ListProcessIds(pids);
            if (error != ErrorCodes.Success)
            {
                reply.End(error, "cannot list processes");
                return;
            }
        }

        var writer = new ProcessRecordWriter();
        int skipped = 0;
        int errors = 0;
        bool truncated = false;
        reply.BeginArray(FieldNames.Processes);
        if (arguments.Pid is not null)
        {
            truncated = !TryWrite(reply, writer, entry, hashed: false, default, !arguments.IsNoModules);
        }
        else
        {
            // Processes are read on several threads (the time is the kernel's) and written in pid order on this one,
            // as they come in.
            ProcessListing listing = ProcessListing.Rent();
            try
            {
                listing.Read(pids, withHashes: true, slot =>
                {
                    if (slot.Error == ErrorCodes.InvalidParameter)
                    {
                        skipped++; // exited since the directory was listed
                    }
                    else if (slot.Error != ErrorCodes.Success)
                    {
                        errors++;
                    }
                    else
                    {
                        truncated = !TryWrite(reply, writer, slot.Entry, slot.HasHash, slot.Hash, !arguments.IsNoModules);
                    }

                    return !truncated;
                }, context.Cancellation);
            }
            finally
            {
                ProcessListing.Return(listing);
            }
        }

        // Keeps the executable hashes computed here for the next sensor process.
        ExecutableHashCache.Persist();

        reply.EndArray();
        reply.Field(FieldNames.SkippedCount, skipped);
        reply.Field(FieldNames.ErrorCount, errors);
        if (truncated)
        {
            reply.Field(FieldNames.Truncated, true);
        }

        reply.End(ErrorCodes.Success, truncated ? "the listing was cut at the event size cap" : null);
    }

    /// <summary>Writes one process record; false (and nothing written) when it would pass the event size cap.</summary>
    private static bool TryWrite(EventBuilder reply, ProcessRecordWriter writer, ProcessEntry entry, bool hashed, byte[]? hash, bool withModules)
    {
        EventMark mark = reply.Mark();
        try
        {
            reply.BeginMapItem();
            if (hashed)
            {
                writer.WriteFields(reply, entry, hash, withModules);
            }
            else
            {
                writer.WriteFields(reply, entry, withModules);
            }

            reply.EndMap();
            // Room is kept for the fields after the list: the buffer asks for 256 bytes per write, so a record that
            // ends just under the cap would make SKIPPED_COUNT and the rest fail.
            if (reply.Length > reply.MaxEventBytes - TrailerBytes)
            {
                reply.Rollback(mark);
                return false;
            }

            return true;
        }
        catch (EventTooLargeException)
        {
            reply.Rollback(mark);
            return false;
        }
    }
}
