using Sensor.Commands.Processes;
using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Memory;

/// <summary>
/// Reports executable memory that holds a module the loader does not know: an anonymous (or memfd) executable region
/// of at most <see cref="MaxRegionBytes"/> that starts with an ELF (or MZ) header. One <c>HIDDEN_MODULE_DETECTED</c>
/// per finding, then the <c>done</c> completion with the counts.
/// </summary>
[Command("hidden_module_scan", 19, ReplyEvent = "HIDDEN_MODULE_DETECTED", Platforms = OsFamily.Windows | OsFamily.Linux,
    Description = "Look for hidden modules in a process's (or all) memory.")]
public sealed partial class HiddenModuleScanCommand
{
    public const ulong MaxRegionBytes = 10 << 20;

    [Positional("pid", Help = "pid of the process to scan, or \"-1\" for ALL processes")]
    public int Pid { get; set; }

    public static void Execute(HiddenModuleScanCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        var pids = new List<int>();
        if (arguments.Pid == -1)
        {
            int error = Os.ListProcessIds(pids);
            if (error != ErrorCodes.Success)
            {
                reply.Begin("HIDDEN_MODULE_DETECTED");
                reply.End(error, "cannot list processes");
                return;
            }
        }
        else if (arguments.Pid > 0)
        {
            pids.Add(arguments.Pid);
        }
        else
        {
            reply.Begin("HIDDEN_MODULE_DETECTED");
            reply.End(ErrorCodes.InvalidParameter, "pid must be a process id or -1 for all processes");
            return;
        }

        var regions = new List<MemoryRegion>();
        var entry = new ProcessEntry();
        var writer = new ProcessRecordWriter();
        Span<byte> header = stackalloc byte[4];
        Span<byte> atom = stackalloc byte[ProcessAtom.Length];
        int skipped = 0;
        int errors = 0;
        int found = 0;
        foreach (int pid in pids)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            int error = Os.GetProcess(pid, entry, withCommandLine: true);
            if (error == ErrorCodes.Success)
            {
                error = Os.ListRegions(pid, regions);
            }

            if (error != ErrorCodes.Success)
            {
                if (arguments.Pid != -1)
                {
                    reply.Begin("HIDDEN_MODULE_DETECTED");
                    reply.End(error, error == ErrorCodes.InvalidParameter ? $"no process with pid {pid}" : $"cannot read process {pid}");
                    return;
                }

                skipped += error == ErrorCodes.InvalidParameter ? 1 : 0;
                errors += error == ErrorCodes.InvalidParameter ? 0 : 1;
                continue;
            }

            if (Os.OpenMemory(pid, out ProcessMemoryHandle handle) != ErrorCodes.Success)
            {
                errors++;
                continue;
            }

            try
            {
                foreach (MemoryRegion r in regions)
                {
                    bool anonymousOrMemfd = r.Inode == 0 || r.FilePath.StartsWith("/memfd:", StringComparison.Ordinal);
                    if (!r.IsExecutable || !r.IsReadable || !anonymousOrMemfd || r.Size > MaxRegionBytes
                        || r.FilePath.StartsWith('['))
                    {
                        continue;
                    }

                    if (Os.ReadMemory(ref handle, r.BaseAddress, header, out int got) != ErrorCodes.Success || got < 4
                        || !(header.SequenceEqual("\u007fELF"u8) || header[..2].SequenceEqual("MZ"u8)))
                    {
                        continue;
                    }

                    found++;
                    ProcessAtoms.Of(entry, atom);
                    reply.Begin("HIDDEN_MODULE_DETECTED", atom);
                    reply.Field(FieldNames.BaseAddress, r.BaseAddress);
                    reply.Field(FieldNames.MemorySize, r.Size);
                    reply.Field(FieldNames.MemoryType, (int)r.Kind);
                    reply.Field(FieldNames.MemoryAccess, r.AccessCode);
                    reply.BeginMap(FieldNames.Process);
                    writer.WriteFields(reply, entry, withModules: false);
                    reply.EndMap();
                    reply.End(ErrorCodes.Success);
                }
            }
            finally
            {
                Os.CloseMemory(ref handle);
            }
        }

        reply.Begin("HIDDEN_MODULE_DETECTED");
        reply.Field(FieldNames.SkippedCount, skipped);
        reply.Field(FieldNames.ErrorCount, errors);
        reply.End(ErrorCodes.Success, "done");
    }
}
