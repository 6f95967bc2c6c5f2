using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>Kills a process (SIGKILL, TerminateProcess). Refuses the sensor itself and pid 1 (ERROR 5).</summary>
[Command("os_kill_process", 32, ReplyEvent = "OS_KILL_PROCESS_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Urgent = true, Description = "Kill a process running on the endpoint.")]
public sealed partial class OsKillProcessCommand
{
    [Option("-p", "--pid", Meta = "PID", Help = "pid of the process to kill")]
    public int? Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target process")]
    public string? ProcessAtom { get; set; }

    public static void Execute(OsKillProcessCommand arguments, CommandContext context) =>
        ProcessControlRunner.Run(context, "OS_KILL_PROCESS_REP", ProcessControl.Kill, arguments.Pid, arguments.ProcessAtom, threadId: null);
}
