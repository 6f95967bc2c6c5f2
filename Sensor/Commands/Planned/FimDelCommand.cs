using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("fim_del", 17, ReplyEvent = "FIM_DEL", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Remove a pattern from monitoring.")]
public sealed partial class FimDelCommand
{
    [Option("--pattern", Meta = "PATTERNS", Required = true, Help = "file path or registry path pattern to stop monitoring")]
    public string[] Patterns { get; set; } = [];
}
