using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>Suspends a process (SIGSTOP, NtSuspendProcess) or one thread. Refuses the sensor itself and pid 1.</summary>
[Command("os_suspend", 37, ReplyEvent = "OS_SUSPEND_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Urgent = true, Description = "Suspend a process running on the endpoint.")]
public sealed partial class OsSuspendCommand
{
    [Option("-p", "--pid", Meta = "PID", Help = "process id")]
    public int? Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target process")]
    public string? ProcessAtom { get; set; }

    [Option("-t", "--tid", Meta = "TID", Help = "thread id")]
    public int? Tid { get; set; }

    public static void Execute(OsSuspendCommand arguments, CommandContext context) =>
        ProcessControlRunner.Run(context, "OS_SUSPEND_REP", ProcessControl.Suspend, arguments.Pid, arguments.ProcessAtom, arguments.Tid);
}
