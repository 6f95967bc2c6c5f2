using System.Text.Json;
using Sensor.Commands;

namespace Sensor.Events;

/// <summary>
/// The sink of <c>sensor exec</c>: each event as one JSON object on its own line, and the worst error seen so the
/// process can exit with the right code.
/// </summary>
public sealed class JsonLinesEventSink(Stream output, TextWriter helpOutput) : IEventSink
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly object _gate = new();

    public int EventCount { get; private set; }

    /// <summary>True when any event carried an ERROR other than 0 or 200.</summary>
    public bool AnyError { get; private set; }

    public bool HelpShown { get; private set; }

    public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack)
    {
        lock (_gate)
        {
            EventCount++;
            if (summary.Error is not (0 or 200))
            {
                AnyError = true;
            }

            EventJsonRenderer.Render(messagePack, _json);
            _json.Flush();
            _json.Reset();
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }

    public void Help(CommandDescriptor command)
    {
        HelpShown = true;
        helpOutput.WriteLine(command.Help);
        helpOutput.Flush();
    }
}
