using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>
/// Re-initializes the running agent: a receipt first, then the agent drops its connection, reloads its configuration
/// and its identity file (a deleted identity re-enrolls with the installation key: the reference's use with cloned
/// sensor ids) and reconnects. The process lives on, and so does its outbound queue: the receipt is delivered on the
/// new connection if the old one closed first. Under <c>sensor exec</c> there is no agent: ERROR 50.
/// </summary>
[Command("restart", 42, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Force the agent to re-initialize.")]
public sealed partial class RestartCommand
{
    public static void Execute(RestartCommand arguments, CommandContext context)
    {
        _ = arguments;
        if (context.Agent is not { } agent)
        {
            SelfManagementReplies.Send(context, ErrorCodes.NotSupported, "restart re-initializes a running agent; there is none here (sensor exec)");
            return;
        }

        SelfManagementReplies.Send(context, ErrorCodes.Success, "re-initializing the agent");
        agent.RequestRestart();
    }
}
