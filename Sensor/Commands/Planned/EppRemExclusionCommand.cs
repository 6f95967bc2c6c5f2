using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("epp_rem_exclusion", 55, ReplyEvent = "EPP_REM_EXCLUSION_REP", Platforms = OsFamily.MacOS, Planned = true,
    Description = "Remove an exclusion for EPP on a sensor.")]
public sealed partial class EppRemExclusionCommand
{
    [Positional("value", Help = "Value of the exclusion to remove")]
    public string Value { get; set; } = "";

    [Option("--type", Meta = "TYPE", Help = "Type of exclusion. Options are: extension, path, process")]
    public string? Type { get; set; }
}
