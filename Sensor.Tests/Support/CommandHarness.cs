using System.Diagnostics;
using System.Text.Json;
using Sensor.Commands;

namespace Sensor.Tests.Support;

/// <summary>Runs commands through the generated table, as a task or <c>sensor exec</c> would, and runs system tools.</summary>
public static class CommandHarness
{
    /// <summary>Runs one command line (name then arguments) and returns the recorded events.</summary>
    public static RecordingSink Run(params string[] commandLine)
    {
        var (sink, context) = RecordingSink.Create();
        bool known = CommandRunner.Run(commandLine[0], commandLine.AsSpan(1), context);
        Assert.That(known, Is.True, $"unknown command {commandLine[0]}");
        return sink;
    }

    /// <summary>The <c>event</c> object of a command that answers with exactly one event.</summary>
    public static JsonElement RunSingle(params string[] commandLine) => Run(commandLine).Single();

    /// <summary>Runs a system tool without a shell and returns its standard output; fails the test on a non-zero exit.</summary>
    public static string Tool(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', arguments)} failed: {error}");
        return output;
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Removes a test tree with rm: .NET cannot name files whose names are not valid UTF-8.</summary>
    public static void DeleteTree(string path) => Tool("rm", "-rf", "--", path);

    /// <summary>A fresh directory under the temp folder, deleted by the caller's TearDown.</summary>
    public static string TempDirectory(string prefix)
    {
        string path = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
