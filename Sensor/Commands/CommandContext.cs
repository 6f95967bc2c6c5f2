using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Commands;

/// <summary>
/// What a running command sees: where its events go, its cancellation, and the reply builder it writes them with.
/// One context serves one task at a time; its buffers are reused from task to task.
/// </summary>
public sealed partial class CommandContext
{
    public CommandContext(IEventSink sink, RoutingInfo routing, OsFamily hostPlatform, CancellationToken cancellation = default)
    {
        Sink = sink;
        Routing = routing;
        HostPlatform = hostPlatform;
        Cancellation = cancellation;
        Reply = new EventBuilder(this);
    }

    public IEventSink Sink { get; }

    /// <summary>The routing fields every event of this task carries (sid, hostname, investigation id ...).</summary>
    public RoutingInfo Routing { get; }

    /// <summary>The OS this build runs on; commands not supported here answer ERROR 50.</summary>
    public OsFamily HostPlatform { get; }

    public CancellationToken Cancellation { get; set; }

    /// <summary>The builder the handler writes its reply events with.</summary>
    public EventBuilder Reply { get; }

    /// <summary>The command being run, set by the dispatcher before the handler is called.</summary>
    public CommandDescriptor? Command { get; internal set; }

    /// <summary>Answers <c>-h</c>: the sink decides whether usage text is printed (CLI) or sent as a reply (task).</summary>
    public void ReplyHelp(CommandDescriptor command) => Sink.Help(command);

    /// <summary>A reply of the command's event type carrying only <c>ERROR</c> and <c>ERROR_MESSAGE</c>.</summary>
    public void ReplyError(CommandDescriptor command, int error, string message)
    {
        Reply.Begin(command.ReplyEvent);
        Reply.End(error, message);
    }

    public void ReplyNotSupported(CommandDescriptor command) =>
        ReplyError(command, ErrorCodes.NotSupported,
            $"{command.Name} is not supported on {HostPlatform}; the reference agent supports it on {command.Platforms}");

    public void ReplyNotImplemented(CommandDescriptor command) =>
        ReplyError(command, ErrorCodes.NotSupported, $"{command.Name} is not implemented in this build of the sensor");

    public void ReplyParseError(CommandDescriptor command, string message)
    {
        UsageError = true;
        ReplyError(command, ErrorCodes.InvalidParameter, message + "\n" + command.Usage);
    }

    /// <summary>True once the arguments of the command did not fit its usage line (<c>sensor exec</c> exits 2).</summary>
    public bool UsageError { get; private set; }
}
