namespace Sensor.Agent;

public enum AgentConnectionState
{
    Starting,
    Connecting,
    Connected,

    /// <summary>Waiting before the next attempt.</summary>
    Backoff,

    /// <summary>The server refused the sensor's credential or installation key (revoked, unknown).</summary>
    Refused,
    Stopped,
}
