namespace Sensor.Platform.Linux;

/// <summary>
/// Runs systemd's command-line tools with an argument vector (no shell) and turns a failure into a
/// <see cref="ServiceOperationException"/> that names the command and carries its error output.
/// </summary>
public static class Systemctl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>systemd is the running init: the test systemd itself uses (sd_booted).</summary>
    public static bool IsSystemdRunning => Directory.Exists("/run/systemd/system");

    public static void Run(params string[] arguments) => Check("systemctl", arguments, RunTool("systemctl", arguments));

    /// <summary>Runs and returns (exit code, standard output) without judging the exit code.</summary>
    public static (int ExitCode, string Output, string Error) RunTool(string tool, IReadOnlyList<string> arguments)
    {
        string path = ToolPath(tool);
        (int code, byte[] output, string error) result;
        try
        {
            result = ToolProcess.Run(path, arguments, Timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ServiceOperationException($"{tool} {string.Join(' ', arguments)}: cannot run {path}: {e.Message}", e);
        }

        if (result.code == -1)
        {
            throw new ServiceOperationException($"{tool} {string.Join(' ', arguments)}: no answer within {Timeout.TotalSeconds:0} s");
        }

        return (result.code, System.Text.Encoding.UTF8.GetString(result.output), result.error);
    }

    private static void Check(string tool, IReadOnlyList<string> arguments, (int ExitCode, string Output, string Error) result)
    {
        if (result.ExitCode != 0)
        {
            string reason = (result.Error.Trim() is { Length: > 0 } e ? e : result.Output.Trim()) is { Length: > 0 } text ? text : "no message";
            throw new ServiceOperationException($"{tool} {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {reason}");
        }
    }

    // An absolute path: the sensor runs as root and must not run whatever a PATH entry offers first.
    private static string ToolPath(string tool)
    {
        foreach (string directory in (ReadOnlySpan<string>)["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
        {
            string candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ServiceOperationException($"{tool} is not installed (looked in /usr/bin, /bin, /usr/sbin, /sbin)");
    }
}
