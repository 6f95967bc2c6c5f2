using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("epp_list_quarantine", 56, ReplyEvent = "EPP_LIST_QUARANTINE_REP", Platforms = OsFamily.MacOS, Planned = true,
    Description = "List quarantined EPP on a sensor.")]
public sealed partial class EppListQuarantineCommand
{
}
