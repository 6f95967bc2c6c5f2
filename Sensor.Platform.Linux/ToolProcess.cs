using System.Diagnostics;

namespace Sensor.Platform.Linux;

/// <summary>
/// Runs a system tool (systemctl, systemd-run, loginctl) by absolute path with an argument vector, never a shell:
/// standard input closed, output read up to a cap (a misbehaving tool must not fill the sensor's memory), killed
/// with its children when it does not answer in time. The agent's own systemd notify socket and watchdog variables
/// are not passed on: they belong to the sensor, not to its tools.
/// </summary>
public static class ToolProcess
{
    public const int MaxOutputBytes = 1 << 20;

    /// <summary>The exit code (-1 on time-out), standard output (first <see cref="MaxOutputBytes"/>) and error.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The tool could not be started.</exception>
    public static (int ExitCode, byte[] Output, string Error) Run(string path, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NOTIFY_SOCKET");
        start.Environment.Remove("WATCHDOG_USEC");
        start.Environment.Remove("WATCHDOG_PID");
        start.Environment["SYSTEMD_PAGER"] = "";
        start.Environment["SYSTEMD_COLORS"] = "0";

        using Process process = Process.Start(start) ?? throw new System.ComponentModel.Win32Exception($"{path} did not start");
        process.StandardInput.Close();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<byte[]> output = ReadCappedAsync(process.StandardOutput.BaseStream);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, [], $"no answer within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Reads to the end, keeping the first <see cref="MaxOutputBytes"/> (the rest is read and dropped).</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream stream)
    {
        var kept = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (kept.Length < MaxOutputBytes)
            {
                kept.Write(buffer, 0, (int)Math.Min(read, MaxOutputBytes - kept.Length));
            }
        }

        return kept.ToArray();
    }
}
