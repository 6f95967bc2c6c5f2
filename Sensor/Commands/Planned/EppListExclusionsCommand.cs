using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("epp_list_exclusions", 53, ReplyEvent = "EPP_LIST_EXCLUSIONS_REP", Platforms = OsFamily.MacOS, Planned = true,
    Description = "List all the exclusions for EPP on a sensor.")]
public sealed partial class EppListExclusionsCommand
{
}
