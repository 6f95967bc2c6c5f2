using System.Diagnostics;

namespace Sensor.Tests.Support;

/// <summary>Runs the sensor binary built next to the tests as a separate process.</summary>
public static class SensorProcess
{
    /// <summary>The sensor apphost in the test output directory (the Sensor project's output is copied there).</summary>
    public static string BinaryPath => Path.Combine(AppContext.BaseDirectory, "sensor");

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments) => RunCore(null, arguments);

    /// <summary>Runs the sensor as user nobody (uid 65534) through setpriv: no shell involved.</summary>
    public static string RunAsNobody(params string[] arguments)
    {
        var (code, stdout, stderr) = RunCore(["--reuid=65534", "--regid=65534", "--clear-groups", BinaryPath], arguments, "setpriv");
        Assert.That(code, Is.AnyOf(0, 1), stderr);
        return stdout;
    }

    // The test host runs under the dotnet muxer; its folder is the runtime's root.
    private static string? DotnetRoot() =>
        Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } set ? set
        : Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? Path.GetDirectoryName(host) : null;

    private static (int, string, string) RunCore(string[]? prefix, string[] arguments, string? launcher = null)
    {
        var start = new ProcessStartInfo(launcher ?? BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in prefix ?? [])
        {
            start.ArgumentList.Add(a);
        }

        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // The apphost finds the runtime through DOTNET_ROOT even for a user whose environment does not name it.
        if (DotnetRoot() is { } root)
        {
            start.Environment["DOTNET_ROOT"] = root;
        }

        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr);
    }
}
