namespace Sensor.Agent;

/// <summary>
/// The configuration cannot be used; the agent refuses to start with this message and a non-zero exit.
/// <see cref="Field"/> names the configuration field at fault (null when the fault is not one field's: the file
/// cannot be read, is not JSON, the stored identity is corrupt).
/// </summary>
public sealed class AgentConfigException : Exception
{
    public AgentConfigException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public AgentConfigException(string? field, string message, Exception? inner = null)
        : base(message, inner) => Field = field;

    public string? Field { get; }
}
