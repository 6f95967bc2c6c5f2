using System.Diagnostics;
using System.Text;

namespace Sensor.Platform.MacOS;

/// <summary>
/// Runs <c>/bin/launchctl</c> with an argument vector (never a shell: the paths are the installer's, not trusted
/// text), bounded in time and in the output kept.
/// </summary>
internal static class Launchctl
{
    internal const string Path = "/bin/launchctl";

    private const int MaxOutputChars = 64 * 1024;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>The exit code and what launchctl printed (both streams, at most 64 KiB characters).</summary>
    public static (int ExitCode, string Output) Run(params ReadOnlySpan<string> arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        void Collect(object sender, DataReceivedEventArgs line)
        {
            lock (output)
            {
                if (line.Data is { } text && output.Length < MaxOutputChars)
                {
                    output.Append(text.AsSpan(0, Math.Min(text.Length, MaxOutputChars - output.Length))).Append('\n');
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ServiceOperationException($"cannot run {Path}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill();
            throw new ServiceOperationException($"{Path} {string.Join(' ', arguments.ToArray())} did not finish within {s_timeout.TotalSeconds:0} s");
        }

        // The parameterless wait also drains the asynchronous readers.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
