using Sensor.Commands.Processes;
using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Memory;

/// <summary>The process's memory map, from the maps (no read of the target's memory).</summary>
[Command("mem_map", 26, ReplyEvent = "MEM_MAP_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Display the map of memory pages from a process including size, access rights, etc.")]
public sealed partial class MemMapCommand
{
    [Option("-p", "--pid", Meta = "PID", Help = "pid of the process to get the map from")]
    public int? Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target proces")]
    public string? ProcessAtom { get; set; }

    public static void Execute(MemMapCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        var target = new ProcessTarget();
        int error = target.Resolve(arguments.Pid, arguments.ProcessAtom, forControl: false, out string? message);
        var regions = new List<MemoryRegion>();
        if (error == ErrorCodes.Success)
        {
            error = Os.ListRegions(target.ProcessId, regions);
            message = error == ErrorCodes.Success ? null : "cannot read the process's memory map";
        }

        reply.Begin("MEM_MAP_REP", error == ErrorCodes.Success ? target.Atom : default, error == ErrorCodes.Success ? target.ParentAtom : default);
        reply.Field(FieldNames.ProcessId, error == ErrorCodes.Success ? target.ProcessId : arguments.Pid ?? 0);
        if (error != ErrorCodes.Success)
        {
            reply.End(error, message);
            return;
        }

        reply.BeginArray(FieldNames.MemoryMap);
        foreach (MemoryRegion r in regions)
        {
            reply.BeginMapItem();
            reply.Field(FieldNames.BaseAddress, r.BaseAddress);
            reply.Field(FieldNames.MemorySize, r.Size);
            reply.Field(FieldNames.MemoryType, (int)r.Kind);
            reply.Field(FieldNames.MemoryAccess, r.AccessCode);
            if (r.IsFileBacked)
            {
                reply.Field(FieldNames.FilePath, r.FilePath);
                if (r.Kind == MemoryRegionKind.Image)
                {
                    reply.Field(FieldNames.ModuleName, Path.GetFileName(r.FilePath));
                }
            }

            reply.EndMap();
        }

        reply.EndArray();
        reply.End(ErrorCodes.Success);
    }
}
