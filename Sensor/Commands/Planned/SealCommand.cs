using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("seal", 44, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows, Planned = true,
    Description = "Instruct the sensor to harden itself from tampering.")]
public sealed partial class SealCommand
{
    [Option("--enable", Help = "enable the seal")]
    public bool Enable { get; set; }

    [Option("--disable", Help = "disable the seal")]
    public bool Disable { get; set; }
}
