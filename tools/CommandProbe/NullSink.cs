using Sensor.Commands;
using Sensor.Events;

namespace CommandProbe;

/// <summary>Drops events: measures a handler without the JSON rendering.</summary>
public sealed class NullSink : IEventSink
{
    public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack)
    {
    }

    public void Help(CommandDescriptor command)
    {
    }
}
