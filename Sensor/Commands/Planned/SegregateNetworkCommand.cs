using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("segregate_network", 45, ReplyEvent = "SEGREGATE_NETWORK", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS | OsFamily.Chrome | OsFamily.Edge, Planned = true, Urgent = true,
    Description = "Stop all network connectivity on the host except the sensor's own channel.")]
public sealed partial class SegregateNetworkCommand
{
}
