using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Benchmarks;

/// <summary>A sink that drops events: the benchmarks measure writing them.</summary>
internal sealed class NullEventSink : IEventSink
{
    public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack)
    {
    }

    public void Help(CommandDescriptor command)
    {
    }
}
