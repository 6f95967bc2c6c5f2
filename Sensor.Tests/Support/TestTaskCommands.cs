using System.Collections.Concurrent;
using Sensor.Agent;
using Sensor.Commands;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Tests.Support;

/// <summary>
/// Commands for channel tests: <c>echo</c> (replies its arguments), <c>file_del</c> (really deletes a file and counts
/// its runs), <c>slow</c> (blocks until released or cancelled) and the urgent <c>os_kill_process</c> probe.
/// </summary>
public sealed class TestTaskCommands : ITaskCommands
{
    private static readonly OsFamily All = OsFamily.Linux | OsFamily.Windows | OsFamily.MacOS;
    private readonly Dictionary<string, CommandDescriptor> _descriptors = new()
    {
        ["echo"] = new(900, "echo", "ECHO_REP", All, true, false, "test", "usage: echo [args]", "usage: echo [args]"),
        ["file_del"] = new(11, "file_del", "FILE_DEL_REP", All, true, false, "test", "usage: file_del file", "usage: file_del file"),
        ["slow"] = new(901, "slow", "SLOW_REP", All, true, false, "test", "usage: slow", "usage: slow"),
        ["os_kill_process"] = new(32, "os_kill_process", "OS_KILL_PROCESS_REP", All, true, true, "test", "usage: os_kill_process", "usage: os_kill_process"),
    };

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public SemaphoreSlim SlowRelease { get; } = new(0);

    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CommandDescriptor? Find(string name) => _descriptors.GetValueOrDefault(name);

    public bool Execute(string name, ReadOnlySpan<string> argv, CommandContext context)
    {
        if (!_descriptors.TryGetValue(name, out CommandDescriptor? descriptor))
        {
            return false;
        }

        Runs.AddOrUpdate(name, 1, (_, n) => n + 1);
        EventBuilder reply = context.Reply;
        switch (name)
        {
            case "echo":
                reply.Begin(descriptor.ReplyEvent);
                reply.BeginArray(FieldNames.CommandLine);
                foreach (string argument in argv)
                {
                    reply.Item(argument);
                }

                reply.EndArray();
                reply.End(ErrorCodes.Success);
                break;
            case "file_del":
                reply.Begin(descriptor.ReplyEvent);
                reply.Field(FieldNames.FilePath, argv[0]);
                bool existed = File.Exists(argv[0]);
                File.Delete(argv[0]);
                reply.End(existed ? ErrorCodes.Success : ErrorCodes.FileNotFound);
                break;
            case "slow":
                SlowStarted.TrySetResult();
                SlowRelease.Wait(context.Cancellation);
                reply.Begin(descriptor.ReplyEvent);
                reply.End(ErrorCodes.Success);
                break;
            default:
                reply.Begin(descriptor.ReplyEvent);
                reply.End(ErrorCodes.Success);
                break;
        }

        return true;
    }
}
