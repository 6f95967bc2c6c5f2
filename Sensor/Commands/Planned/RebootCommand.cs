using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("reboot", 58, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Execute an immediate system reboot (no warnings and zero delay time).")]
public sealed partial class RebootCommand
{
    [Option("--is-confirmed", Required = true, Help = "must be specified as a confirmation")]
    public bool IsConfirmed { get; set; }
}
