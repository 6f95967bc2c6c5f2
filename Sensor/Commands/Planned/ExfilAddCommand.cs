using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("exfil_add", 8, ReplyEvent = "CLOUD_NOTIFICATION", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Add an event to the list of events sent back to the backend by default.")]
public sealed partial class ExfilAddCommand
{
    [Option("-e", "--expire", Meta = "EXPIRE", Required = true, Help = "number of seconds before stopping exfil of event")]
    public long Expire { get; set; }

    [Positional("event", Help = "name of event to start exfiling")]
    public string Event { get; set; } = "";
}
