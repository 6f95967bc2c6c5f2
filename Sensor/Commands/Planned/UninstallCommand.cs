using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("uninstall", 48, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Uninstall the sensor from that host.")]
public sealed partial class UninstallCommand
{
    [Option("--is-confirmed", Help = "must be specified as a confirmation you want to uninstall the sensor")]
    public bool IsConfirmed { get; set; }
}
