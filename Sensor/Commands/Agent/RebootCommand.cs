using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>
/// Reboots the machine at once (no warning, no delay) through <see cref="CommandContext.Power"/> (<see cref="IPowerHost"/>). Refused without
/// <c>--is-confirmed</c> (the usage makes it required: ERROR 87 with the usage). A receipt first, delivered before the
/// call where the agent can (bounded wait); the call returns only when the OS refused, answered by a second RECEIPT
/// with the error.
/// </summary>
[Command("reboot", 58, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Execute an immediate system reboot (no warnings and zero delay time).")]
public sealed partial class RebootCommand
{
    [Option("--is-confirmed", Required = true, Help = "must be specified as a confirmation")]
    public bool IsConfirmed { get; set; }

    public static void Execute(RebootCommand arguments, CommandContext context)
    {
        if (SelfManagementReplies.RefuseUnconfirmed(context, arguments.IsConfirmed, "reboot"))
        {
            return;
        }

        SelfManagementReplies.SendReceiptAndWait(context, "rebooting the machine now");
        int error = context.Power.PowerOff(PowerAction.Reboot, out string message);
        if (error != ErrorCodes.Success)
        {
            SelfManagementReplies.Send(context, error, message);
        }
    }
}
