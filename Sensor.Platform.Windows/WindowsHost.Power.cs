using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

/// <summary>
/// shutdown and reboot: InitiateSystemShutdownExW with a zero timeout and applications forced closed, after enabling
/// SeShutdownPrivilege in the process token (held but disabled by default, even for LocalSystem). logoff: every
/// session a user is logged on to (active, connected or disconnected; session 0 is services) is logged off with
/// WTSLogoffSession.
/// </summary>
public sealed partial class WindowsHost : IPowerHost
{
    private const int ErrorNotAllAssigned = 1300;

    public static int PowerOff(PowerAction action, out string message)
    {
        int error = EnableShutdownPrivilege();
        if (error != 0)
        {
            message = $"cannot enable SeShutdownPrivilege: Win32 error {error}";
            return Win32Error.ToErrorCode((uint)error);
        }

        if (Interop.Advapi32.InitiateSystemShutdownEx(null, null, 0, forceAppsClosed: true,
                rebootAfterShutdown: action == PowerAction.Reboot, Interop.Advapi32.ShutdownReasonPlannedOther))
        {
            message = "";
            return ErrorCodes.Success;
        }

        error = Marshal.GetLastPInvokeError();
        message = $"InitiateSystemShutdownExW failed: Win32 error {error}";
        return Win32Error.ToErrorCode((uint)error);
    }

    public static unsafe int LogOffAllUsers(out int sessionsEnded, out string message)
    {
        sessionsEnded = 0;
        if (!Interop.Wtsapi32.WTSEnumerateSessions(Interop.Wtsapi32.CurrentServerHandle, 0, 1, out nint info, out uint count))
        {
            int error = Marshal.GetLastPInvokeError();
            message = $"WTSEnumerateSessionsW failed: Win32 error {error}";
            return Win32Error.ToErrorCode((uint)error);
        }

        var failures = new List<string>();
        try
        {
            var sessions = new ReadOnlySpan<WtsSessionInfo>((void*)info, checked((int)count));
            foreach (WtsSessionInfo session in sessions)
            {
                if (session.SessionId == 0 || session.State is not (Interop.Wtsapi32.WTSActive or Interop.Wtsapi32.WTSConnected
                        or Interop.Wtsapi32.WTSDisconnected))
                {
                    continue;
                }

                if (Interop.Wtsapi32.WTSLogoffSession(Interop.Wtsapi32.CurrentServerHandle, session.SessionId, wait: false))
                {
                    sessionsEnded++;
                }
                else
                {
                    failures.Add($"session {session.SessionId}: Win32 error {Marshal.GetLastPInvokeError()}");
                }
            }
        }
        finally
        {
            Interop.Wtsapi32.WTSFreeMemory(info);
        }

        message = failures.Count == 0 ? "" : "could not log off " + string.Join("; ", failures);
        return failures.Count == 0 ? ErrorCodes.Success : ErrorCodes.AccessDenied;
    }

    private static int EnableShutdownPrivilege()
    {
        if (!Interop.Advapi32.OpenProcessToken(Interop.Kernel32.GetCurrentProcess(),
                Interop.Advapi32.TokenAdjustPrivileges | Interop.Advapi32.TokenQuery, out nint token))
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            if (!Interop.Advapi32.LookupPrivilegeValue(null, Interop.Advapi32.SeShutdownName, out Luid luid))
            {
                return Marshal.GetLastPInvokeError();
            }

            var privileges = new TokenPrivileges { PrivilegeCount = 1, Luid = luid, Attributes = Interop.Advapi32.SePrivilegeEnabled };
            if (!Interop.Advapi32.AdjustTokenPrivileges(token, false, privileges, 0, 0, 0))
            {
                return Marshal.GetLastPInvokeError();
            }

            // AdjustTokenPrivileges succeeds without the privilege held; ERROR_NOT_ALL_ASSIGNED says so.
            int last = Marshal.GetLastPInvokeError();
            return last == ErrorNotAllAssigned ? last : 0;
        }
        finally
        {
            Interop.Kernel32.CloseHandle(token);
        }
    }
}
