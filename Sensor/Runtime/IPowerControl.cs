using Sensor.Platform;

namespace Sensor.Runtime;

/// <summary>
/// The seam between the shutdown, reboot and logoff commands and the OS (<see cref="IPowerHost"/>): the agent uses
/// <see cref="OsPowerControl"/>; tests give the command context a recording fake and prove the call and its flags
/// without taking the machine down.
/// </summary>
public interface IPowerControl
{
    /// <summary>Returns only when the OS refused: the reply error code and why.</summary>
    int PowerOff(PowerAction action, out string message);

    int LogOffAllUsers(out int sessionsEnded, out string message);
}
