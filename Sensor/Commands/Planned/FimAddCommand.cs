using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("fim_add", 16, ReplyEvent = "FIM_ADD", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Add a file or registry path pattern to monitor for modifications.")]
public sealed partial class FimAddCommand
{
    [Option("--pattern", Meta = "PATTERNS", Required = true, Help = "file path or registry path pattern to monitor")]
    public string[] Patterns { get; set; } = [];
}
