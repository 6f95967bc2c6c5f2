namespace Sensor.Agent;

/// <summary>The configuration cannot be used; the agent refuses to start with this message and a non-zero exit.</summary>
public sealed class AgentConfigException(string message, Exception? inner = null) : Exception(message, inner);
