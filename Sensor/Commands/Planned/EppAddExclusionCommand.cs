using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("epp_add_exclusion", 54, ReplyEvent = "EPP_ADD_EXCLUSION_REP", Platforms = OsFamily.MacOS, Planned = true,
    Description = "Add a new exclusion to EPP on a sensor.")]
public sealed partial class EppAddExclusionCommand
{
    [Positional("value", Help = "Value of the exclusion to add")]
    public string Value { get; set; } = "";

    [Option("--type", Meta = "TYPE", Help = "Type of exclusion. Options are: extension, path, process")]
    public string? Type { get; set; }
}
