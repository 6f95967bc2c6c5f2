using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Agent;

/// <summary>The sink of one task: every published event is copied into the outbound queue.</summary>
public sealed class QueueEventSink(OutboundQueue queue) : IEventSink
{
    /// <summary>The context of the task, so that <c>-h</c> is answered with a reply event.</summary>
    public CommandContext? Context { get; set; }

    public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack) => queue.Enqueue(messagePack);

    public void Help(CommandDescriptor command) => Context?.ReplyError(command, 0, command.Help);
}
