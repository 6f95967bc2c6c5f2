using Sensor.Platform;

namespace Sensor.Commands.Handles;

/// <summary>Open handles of a process, or of every process (Windows).</summary>
[Command("mem_handles", 25, ReplyEvent = "MEM_HANDLES_REP", Platforms = OsFamily.Windows,
    Description = "List all open handles from a process (or all) on Windows.")]
public sealed partial class MemHandlesCommand
{
    [Option("-p", "--pid", Meta = "PID", Help = "pid of the process to get the handles from, 0 for all processes")]
    public int Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target process")]
    public string? ProcessAtom { get; set; }

    public static void Execute(MemHandlesCommand arguments, CommandContext context)
    {
        if (arguments.Pid < 0)
        {
            context.Reply.Begin("MEM_HANDLES_REP");
            context.Reply.End(ErrorCodes.InvalidParameter, "pid must be 0 (all processes) or a process id");
            return;
        }

        if (arguments.ProcessAtom is not null && arguments.Pid == 0)
        {
            // Atoms are resolved by the process tracker, which this build does not have yet.
            context.Reply.Begin("MEM_HANDLES_REP");
            context.Reply.End(ErrorCodes.NotSupported, "--processatom is not supported by this build; use --pid");
            return;
        }

        HandleReply.Send(context, "MEM_HANDLES_REP", arguments.Pid, null);
    }
}
