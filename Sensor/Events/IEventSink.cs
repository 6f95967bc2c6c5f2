using Sensor.Commands;

namespace Sensor.Events;

/// <summary>Where finished events go: stdout as JSON lines for <c>sensor exec</c>, the server for tasks.</summary>
public interface IEventSink
{
    /// <summary>
    /// Takes one finished event, a MessagePack map <c>{routing, event}</c>. The span is only valid for the call:
    /// a sink that keeps the event copies it.
    /// </summary>
    void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack);

    /// <summary>Answers <c>-h</c> for the command.</summary>
    void Help(CommandDescriptor command);
}
