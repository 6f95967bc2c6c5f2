namespace Sensor.Platform.MacOS;

/// <summary>
/// What <c>launchctl print system/LABEL</c> says about a daemon. Pure (no OS call): tested on any OS.
/// </summary>
internal static class LaunchctlPrintParser
{
    /// <summary><c>launchctl</c>'s exit code when the service is not loaded (ESRCH, "Could not find service").</summary>
    internal const int NoSuchService = 113;

    /// <summary>
    /// The exit code says whether the daemon is loaded; the service's first <c>state = </c> line whether it runs, its
    /// <c>last exit code = </c> line how it last ended.
    /// </summary>
    public static ServiceRunState ToRunState(int exitCode, string output, bool plistInstalled)
    {
        if (exitCode == NoSuchService)
        {
            return plistInstalled ? ServiceRunState.Stopped : ServiceRunState.NotInstalled;
        }

        if (exitCode != 0)
        {
            return ServiceRunState.Unknown;
        }

        string? state = null;
        string? lastExit = null;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.Trim();
            // The service's own lines come first; nested blocks (endpoints, event triggers) may repeat the keys.
            if (state is null && line.StartsWith("state = ", StringComparison.Ordinal))
            {
                state = line["state = ".Length..];
            }
            else if (lastExit is null && line.StartsWith("last exit code = ", StringComparison.Ordinal))
            {
                lastExit = line["last exit code = ".Length..];
            }
        }

        return state switch
        {
            "running" => ServiceRunState.Running,
            "spawn scheduled" or "xpcproxy" => ServiceRunState.Starting,
            _ when lastExit is not null && lastExit != "0" && !lastExit.StartsWith('(') => ServiceRunState.Failed,
            _ => ServiceRunState.Stopped,
        };
    }
}
