using System.Text.Json;
using Sensor.Commands;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Tests.Support;

/// <summary>Keeps every event a command publishes, rendered to JSON, for assertions.</summary>
public sealed class RecordingSink : IEventSink
{
    public List<JsonDocument> Events { get; } = [];

    public List<byte[]> Raw { get; } = [];

    public List<string> HelpShown { get; } = [];

    public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack)
    {
        Raw.Add(messagePack.ToArray());
        Events.Add(JsonDocument.Parse(EventJsonRenderer.ToJson(messagePack)));
    }

    public void Help(CommandDescriptor command) => HelpShown.Add(command.Help);

    /// <summary>The <c>event</c> object of the only event published.</summary>
    public JsonElement Single()
    {
        Assert.That(Events, Has.Count.EqualTo(1), "expected exactly one event");
        return Events[0].RootElement.GetProperty("event");
    }

    public static (RecordingSink Sink, CommandContext Context) Create()
    {
        var sink = new RecordingSink();
        var routing = new RoutingInfo { Hostname = "test", Plat = 0x20000000, Arch = 2 };
        return (sink, new CommandContext(sink, routing, OsFamily.Linux));
    }
}
