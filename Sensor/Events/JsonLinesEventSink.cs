using Sensor.Commands;

namespace Sensor.Events;

/// <summary>
/// The sink of <c>sensor exec</c>: each event as one JSON object on its own line, and the worst error seen so the
/// process can exit with the right code.
/// </summary>
public sealed class JsonLinesEventSink(Stream output, TextWriter helpOutput) : IEventSink
{
    private readonly StreamBufferWriter _json = new(output);
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

            try
            {
                EventJsonRenderer.Render(messagePack, _json);
            }
            catch
            {
                // Print nothing more of an event that could not be rendered, and keep the next one on its own line.
                _json.Discard();
                throw;
            }

            _json.GetSpan(1)[0] = (byte)'\n';
            _json.Advance(1);
            _json.Flush();
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
