using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("set_performance_mode", 46, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Turn on or off the high performance mode on a sensor.")]
public sealed partial class SetPerformanceModeCommand
{
    [Option("--is-enabled", Help = "if specified, the high performance mode is enabled, otherwise disabled")]
    public bool IsEnabled { get; set; }
}
