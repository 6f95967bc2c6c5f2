using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>Resumes a suspended process (SIGCONT, NtResumeProcess) or one thread.</summary>
[Command("os_resume", 35, ReplyEvent = "OS_RESUME_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Urgent = true, Description = "Resume execution of a process on the endpoint.")]
public sealed partial class OsResumeCommand
{
    [Option("-p", "--pid", Meta = "PID", Help = "process id")]
    public int? Pid { get; set; }

    [Option("-a", "--processatom", Meta = "PROCESSATOM", Help = "the atom of the target process")]
    public string? ProcessAtom { get; set; }

    [Option("-t", "--tid", Meta = "TID", Help = "thread id")]
    public int? Tid { get; set; }

    public static void Execute(OsResumeCommand arguments, CommandContext context) =>
        ProcessControlRunner.Run(context, "OS_RESUME_REP", ProcessControl.Resume, arguments.Pid, arguments.ProcessAtom, arguments.Tid);
}
