using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("epp_status", 51, ReplyEvent = "EPP_STATUS_REP", Platforms = OsFamily.MacOS, Planned = true,
    Description = "Get the current status of EPP on a sensor.")]
public sealed partial class EppStatusCommand
{
}
