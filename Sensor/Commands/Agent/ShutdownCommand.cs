using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>
/// Powers the machine off at once (no warning, no delay) through <see cref="CommandContext.Power"/> (<see cref="IPowerHost"/>). Refused without
/// <c>--is-confirmed</c> (the usage makes it required: ERROR 87 with the usage). A receipt first, delivered before the
/// call where the agent can (bounded wait); the call returns only when the OS refused, answered by a second RECEIPT
/// with the error.
/// </summary>
[Command("shutdown", 47, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Execute an immediate system shut down (no warnings and zero delay time).")]
public sealed partial class ShutdownCommand
{
    [Option("--is-confirmed", Required = true, Help = "must be specified as a confirmation")]
    public bool IsConfirmed { get; set; }

    public static void Execute(ShutdownCommand arguments, CommandContext context)
    {
        if (SelfManagementReplies.RefuseUnconfirmed(context, arguments.IsConfirmed, "shutdown"))
        {
            return;
        }

        SelfManagementReplies.SendReceiptAndWait(context, "powering the machine off now");
        int error = context.Power.PowerOff(PowerAction.PowerOff, out string message);
        if (error != ErrorCodes.Success)
        {
            SelfManagementReplies.Send(context, error, message);
        }
    }
}
