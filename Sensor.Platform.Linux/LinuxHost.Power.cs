using System.Diagnostics;
using System.Runtime.InteropServices;
using Sensor.Platform.Linux.Sessions;

namespace Sensor.Platform.Linux;

/// <summary>
/// shutdown and reboot are the reboot(2) system call after sync(2), as <c>reboot -f</c> does: immediate, no service
/// stop (the reference: "no warnings and zero delay time"), needs CAP_SYS_BOOT. logoff asks logind to end every
/// regular user's sessions (<c>loginctl terminate-user UID</c>, argument vector, no shell): logind owns the sessions,
/// and the D-Bus API would be a dependency for one call.
/// </summary>
public sealed partial class LinuxHost : IPowerHost
{
    private static readonly string[] s_loginctlPaths = ["/usr/bin/loginctl", "/bin/loginctl"];

    public static int PowerOff(PowerAction action, out string message)
    {
        Interop.Libc.Sync();
        int command = action == PowerAction.Reboot ? Interop.Libc.RB_AUTOBOOT : Interop.Libc.RB_POWER_OFF;
        // Returns only on failure; on success the machine is already going down.
        Interop.Libc.Reboot(command);
        int errno = Marshal.GetLastPInvokeError();
        message = $"reboot(2) failed: {Errno.Describe(errno)}";
        return Errno.ToErrorCode(errno);
    }

    public static int LogOffAllUsers(out int sessionsEnded, out string message)
    {
        sessionsEnded = 0;
        string? loginctl = Array.Find(s_loginctlPaths, File.Exists);
        if (loginctl is null)
        {
            message = "loginctl is not installed: there is no systemd-logind to end the sessions";
            return ErrorCodes.NotSupported;
        }

        var (exit, output, error) = RunLoginctl(loginctl, ["list-users", "--no-legend"]);
        if (exit != 0)
        {
            message = $"loginctl list-users failed ({exit}): {error.Trim()}";
            return ErrorCodes.NotSupported;
        }

        var users = new List<(uint Uid, string Name)>();
        LoginctlUserListParser.Parse(output, users);
        var failures = new List<string>();
        foreach (var (uid, name) in users)
        {
            if (!LoginctlUserListParser.IsRegularUser(uid))
            {
                continue;
            }

            var (code, _, stderr) = RunLoginctl(loginctl, ["terminate-user", uid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (code == 0)
            {
                sessionsEnded++;
            }
            else
            {
                failures.Add($"{name} ({uid}): {stderr.Trim()}");
            }
        }

        message = failures.Count == 0 ? "" : "could not log off " + string.Join("; ", failures);
        return failures.Count == 0 ? ErrorCodes.Success : ErrorCodes.AccessDenied;
    }

    private static (int Exit, byte[] Output, string Error) RunLoginctl(string path, string[] arguments) =>
        ToolProcess.Run(path, arguments, TimeSpan.FromSeconds(30));
}
