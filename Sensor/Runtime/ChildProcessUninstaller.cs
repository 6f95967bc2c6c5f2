using System.ComponentModel;
using System.Diagnostics;
using Sensor.Platform;

namespace Sensor.Runtime;

/// <summary>
/// Runs <c>&lt;this binary&gt; uninstall</c> as a child process (an argument vector, no shell) and does not wait:
/// the <c>sensor uninstall</c> verb stops the service, which ends this agent, so the verb must outlive it (it
/// detaches itself from the service before stopping it; docs/operations.md).
/// </summary>
public sealed class ChildProcessUninstaller(string? binary) : ISelfUninstaller
{
    /// <summary>This process's own executable.</summary>
    public static ChildProcessUninstaller Instance { get; } = new(Environment.ProcessPath);

    /// <summary>The argument vector after the binary: exactly the CLI verb.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["uninstall"];

    public int StartUninstall(out string message)
    {
        if (binary is null || Path.GetFileNameWithoutExtension(binary) is "dotnet")
        {
            // Under `dotnet sensor.dll` (development) there is no installed binary to run.
            message = "the sensor binary's path is unknown (not an installed sensor); nothing was uninstalled";
            return ErrorCodes.NotSupported;
        }

        if (!File.Exists(binary))
        {
            message = $"the sensor binary {binary} is gone; nothing was uninstalled";
            return ErrorCodes.FileNotFound;
        }

        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetPathRoot(binary) ?? "/",
        };
        foreach (string argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process child = Process.Start(start)!;
            child.StandardInput.Close();
            message = $"uninstall started (pid {child.Id})";
            return ErrorCodes.Success;
        }
        catch (Win32Exception e)
        {
            message = $"cannot start {binary} uninstall: {e.Message}";
            return ErrorCodes.AccessDenied;
        }
    }
}
