using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>The RECEIPT replies of the commands that manage the sensor and the machine.</summary>
internal static class SelfManagementReplies
{
    public const string Receipt = "RECEIPT";

    /// <summary>How long an action that ends the agent waits for its receipt to reach the server first.</summary>
    public static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(5);

    public static void Send(CommandContext context, int error, string message)
    {
        context.Reply.Begin(Receipt);
        context.Reply.End(error, message);
    }

    /// <summary>Refuses an unconfirmed destructive command before anything is done.</summary>
    public static bool RefuseUnconfirmed(CommandContext context, bool confirmed, string command)
    {
        if (confirmed)
        {
            return false;
        }

        Send(context, ErrorCodes.InvalidParameter, $"{command} needs --is-confirmed; nothing was done");
        return true;
    }

    /// <summary>A receipt, then (in the agent) a bounded wait until the server has it: the action may end the agent.</summary>
    public static void SendReceiptAndWait(CommandContext context, string message)
    {
        Send(context, ErrorCodes.Success, message);
        context.Agent?.WaitForDelivery(DeliveryWait, context.Cancellation);
    }
}
