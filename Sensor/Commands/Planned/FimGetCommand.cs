using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("fim_get", 18, ReplyEvent = "FIM_LIST_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Get the list of the current monitored pattern(s).")]
public sealed partial class FimGetCommand
{
}
