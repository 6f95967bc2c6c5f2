using Sensor.Agent;
using Sensor.Runtime;

namespace Sensor.Commands;

/// <summary>The seams of the commands that manage the sensor and the machine (Commands/Agent).</summary>
public sealed partial class CommandContext
{
    /// <summary>The agent running this task; null under <c>sensor exec</c>.</summary>
    public IAgentControl? Agent { get; set; }

    public IPowerControl Power { get; set; } = OsPowerControl.Instance;

    public ISelfUninstaller Uninstaller { get; set; } = ChildProcessUninstaller.Instance;
}
