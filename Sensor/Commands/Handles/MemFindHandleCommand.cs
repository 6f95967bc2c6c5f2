using Sensor.Platform;

namespace Sensor.Commands.Handles;

/// <summary>Handles of every process whose object name contains a substring (Windows).</summary>
[Command("mem_find_handle", 23, ReplyEvent = "MEM_FIND_HANDLES_REP", Platforms = OsFamily.Windows,
    Description = "Find specific open handles in memory on Windows.")]
public sealed partial class MemFindHandleCommand
{
    public const int MaxNeedleLength = 1024;

    [Positional("needle", Help = "substring of the handle names to get")]
    public string Needle { get; set; } = "";

    public static void Execute(MemFindHandleCommand arguments, CommandContext context)
    {
        if (arguments.Needle.Length == 0 || arguments.Needle.Length > MaxNeedleLength)
        {
            context.Reply.Begin("MEM_FIND_HANDLES_REP");
            context.Reply.End(ErrorCodes.InvalidParameter, $"needle must be 1 to {MaxNeedleLength} characters");
            return;
        }

        HandleReply.Send(context, "MEM_FIND_HANDLES_REP", 0, arguments.Needle);
    }
}
