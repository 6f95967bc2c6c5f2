using System.Diagnostics;

namespace Sensor.Tests.Support;

/// <summary>Runs a system tool (no shell) and returns its standard output, for comparing with its view.</summary>
public static class ToolOutput
{
    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{tool} failed");
        return output;
    }
}
