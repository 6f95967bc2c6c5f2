using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>
/// Removes the sensor from the host: a receipt first (delivered before anything stops), then <c>sensor uninstall</c>
/// started as a child process through <see cref="CommandContext.Uninstaller"/>. Without <c>--is-confirmed</c> it
/// answers ERROR 87 and does nothing (the reference's usage makes the flag optional, so argparse accepts the command
/// and the sensor refuses it). A failure to start the uninstall is a second RECEIPT carrying the error.
/// </summary>
[Command("uninstall", 48, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Uninstall the sensor from that host.")]
public sealed partial class UninstallCommand
{
    [Option("--is-confirmed", Help = "must be specified as a confirmation you want to uninstall the sensor")]
    public bool IsConfirmed { get; set; }

    public static void Execute(UninstallCommand arguments, CommandContext context)
    {
        if (SelfManagementReplies.RefuseUnconfirmed(context, arguments.IsConfirmed, "uninstall"))
        {
            return;
        }

        SelfManagementReplies.SendReceiptAndWait(context, "uninstalling the sensor");
        int error = context.Uninstaller.StartUninstall(out string message);
        if (error != ErrorCodes.Success)
        {
            SelfManagementReplies.Send(context, error, message);
        }
    }
}
