using Sensor.Platform;
using Sensor.Runtime;

namespace Sensor.Tests.Commands.Agent;

/// <summary>Records that the uninstall was started, and in what order relative to the replies.</summary>
public sealed class RecordingUninstaller(Func<int> repliesSoFar, int result = ErrorCodes.Success) : ISelfUninstaller
{
    public List<int> CallsAfterReplies { get; } = [];

    public int StartUninstall(out string message)
    {
        CallsAfterReplies.Add(repliesSoFar());
        message = result == ErrorCodes.Success ? "" : "injected: cannot start the uninstaller";
        return result;
    }
}
