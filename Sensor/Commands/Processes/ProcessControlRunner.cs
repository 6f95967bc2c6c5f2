using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>The body shared by os_kill_process, os_suspend and os_resume.</summary>
internal static class ProcessControlRunner
{
    public static void Run(CommandContext context, string replyEvent, ProcessControl action, int? pid, string? atom, int? threadId)
    {
        EventBuilder reply = context.Reply;
        var target = new ProcessTarget();
        int error = target.Resolve(pid, atom, forControl: true, out string? message);
        if (error != ErrorCodes.Success)
        {
            reply.Begin(replyEvent);
            if (pid is { } p)
            {
                reply.Field(FieldNames.ProcessId, p);
            }

            reply.End(error, message);
            return;
        }

        if (threadId is { } t && t <= 0)
        {
            reply.Begin(replyEvent, target.Atom, target.ParentAtom);
            reply.Field(FieldNames.ProcessId, target.ProcessId);
            reply.End(ErrorCodes.InvalidParameter, $"invalid thread id {t}");
            return;
        }

        error = Os.ControlProcess(target.ProcessId, threadId ?? 0, action);
        reply.Begin(replyEvent, target.Atom, target.ParentAtom);
        reply.Field(FieldNames.ProcessId, target.ProcessId);
        if (threadId is { } tid)
        {
            reply.Field(FieldNames.ThreadId, tid);
        }

        reply.End(error, error == ErrorCodes.Success ? null
            : error == ErrorCodes.InvalidParameter ? (threadId is null ? "the process is gone" : "no such thread in this process")
            : $"{action} failed");
    }
}
