using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

/// <summary>
/// shutdown and reboot: reboot(2) after sync(2) (RB_HALT powers a Mac off), immediate as the reference asks.
/// logoff: the graphical user is the owner of /dev/console; <c>launchctl bootout user/UID</c> ends that user's
/// session (argument vector, no shell). SSH sessions are not GUI logins and are left alone.
/// </summary>
public sealed partial class MacHost : IPowerHost
{
    private const uint FirstRegularUid = 501;

    public static int PowerOff(PowerAction action, out string message)
    {
        Interop.Libc.Sync();
        Interop.Libc.Reboot(action == PowerAction.Reboot ? Interop.Libc.RB_AUTOBOOT : Interop.Libc.RB_HALT);
        int errno = Marshal.GetLastPInvokeError();
        message = $"reboot(2) failed: {Errno.Describe(errno)}";
        return Errno.ToErrorCode(errno);
    }

    public static int LogOffAllUsers(out int sessionsEnded, out string message)
    {
        sessionsEnded = 0;
        var (exit, output) = RunTool("/usr/bin/stat", ["-f", "%u", "/dev/console"]);
        if (exit != 0 || !uint.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint uid))
        {
            message = $"cannot find the console user: {output.Trim()}";
            return ErrorCodes.NotSupported;
        }

        if (uid < FirstRegularUid)
        {
            message = "";
            return ErrorCodes.Success; // the login window owns the console: nobody is logged in
        }

        (exit, output) = RunTool("/bin/launchctl", ["bootout", "user/" + uid.ToString(CultureInfo.InvariantCulture)]);
        if (exit != 0)
        {
            message = $"launchctl bootout user/{uid} failed ({exit}): {output.Trim()}";
            return ErrorCodes.AccessDenied;
        }

        sessionsEnded = 1;
        message = "";
        return ErrorCodes.Success;
    }

    private static (int Exit, string Output) RunTool(string path, string[] arguments)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            return (-1, "timed out after 30 s");
        }

        return (process.ExitCode, output + error.Result);
    }
}
