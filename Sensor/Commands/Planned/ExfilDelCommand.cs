using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("exfil_del", 9, ReplyEvent = "CLOUD_NOTIFICATION", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Remove an event from the list of events always sent back to the backend.")]
public sealed partial class ExfilDelCommand
{
    [Positional("event", Help = "name of event to stop exfiling")]
    public string Event { get; set; } = "";
}
