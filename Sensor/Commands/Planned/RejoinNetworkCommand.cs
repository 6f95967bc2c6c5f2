using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("rejoin_network", 41, ReplyEvent = "REJOIN_NETWORK", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS | OsFamily.Chrome | OsFamily.Edge, Planned = true, Urgent = true,
    Description = "Allow network connectivity again after segregate_network.")]
public sealed partial class RejoinNetworkCommand
{
}
