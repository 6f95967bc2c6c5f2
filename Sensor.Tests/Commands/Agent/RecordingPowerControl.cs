using Sensor.Platform;
using Sensor.Runtime;

namespace Sensor.Tests.Commands.Agent;

/// <summary>Records the power calls the commands make instead of taking this machine down.</summary>
public sealed class RecordingPowerControl(int result = ErrorCodes.Success, string message = "") : IPowerControl
{
    public List<PowerAction> PowerOffs { get; } = [];

    public int LogOffs { get; private set; }

    public int PowerOff(PowerAction action, out string reason)
    {
        PowerOffs.Add(action);
        reason = message;
        return result;
    }

    public int LogOffAllUsers(out int sessionsEnded, out string reason)
    {
        LogOffs++;
        sessionsEnded = result == ErrorCodes.Success ? 2 : 0;
        reason = message;
        return result;
    }
}
