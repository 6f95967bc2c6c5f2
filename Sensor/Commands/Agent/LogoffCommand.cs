using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>
/// Logs off every user through <see cref="CommandContext.Power"/> (<see cref="IPowerHost.LogOffAllUsers"/>: Linux
/// <c>loginctl terminate-user</c> for each regular user, Windows WTSLogoffSession for each user session, macOS
/// <c>launchctl bootout</c> of the console user). The agent is not affected, so the one RECEIPT comes after the act
/// and carries its outcome. Refused without <c>--is-confirmed</c> (ERROR 87 with the usage).
/// </summary>
[Command("logoff", 22, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Execute a logoff for all the users.")]
public sealed partial class LogoffCommand
{
    [Option("--is-confirmed", Required = true, Help = "must be specified as a confirmation")]
    public bool IsConfirmed { get; set; }

    public static void Execute(LogoffCommand arguments, CommandContext context)
    {
        if (SelfManagementReplies.RefuseUnconfirmed(context, arguments.IsConfirmed, "logoff"))
        {
            return;
        }

        int error = context.Power.LogOffAllUsers(out int sessions, out string message);
        SelfManagementReplies.Send(context, error, error == ErrorCodes.Success ? $"logged off {sessions} user session(s)" : message);
    }
}
