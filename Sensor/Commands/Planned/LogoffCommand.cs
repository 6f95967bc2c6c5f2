using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("logoff", 22, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Execute a logoff for all the users.")]
public sealed partial class LogoffCommand
{
    [Option("--is-confirmed", Required = true, Help = "must be specified as a confirmation")]
    public bool IsConfirmed { get; set; }
}
