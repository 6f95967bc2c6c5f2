using Sensor.Platform;

namespace Sensor.Runtime;

/// <summary>The real thing: the host's <see cref="IPowerHost"/>.</summary>
public sealed class OsPowerControl : IPowerControl
{
    public static OsPowerControl Instance { get; } = new();

    public int PowerOff(PowerAction action, out string message) => Os.PowerOff(action, out message);

    public int LogOffAllUsers(out int sessionsEnded, out string message) => Os.LogOffAllUsers(out sessionsEnded, out message);
}
