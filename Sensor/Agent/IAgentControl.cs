namespace Sensor.Agent;

/// <summary>What a task may ask of the agent running it (restart, and waiting for its receipt to reach the server).</summary>
public interface IAgentControl
{
    /// <summary>
    /// Drops the connection, reloads the configuration and the identity, and reconnects at once; returns without
    /// waiting. The agent process and its outbound queue live on, so nothing queued is lost.
    /// </summary>
    void RequestRestart();

    /// <summary>
    /// Waits until everything queued so far has been acknowledged by the server, or <paramref name="timeout"/>;
    /// true when delivered. Used before an action that ends the agent (reboot, uninstall).
    /// </summary>
    bool WaitForDelivery(TimeSpan timeout, CancellationToken cancellation);
}
