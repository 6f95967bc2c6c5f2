using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("exfil_get", 10, ReplyEvent = "GET_EXFIL_EVENT_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "List all events sent back to the backend by default.")]
public sealed partial class ExfilGetCommand
{
}
