using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("yara_update", 50, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Update the compiled yara signature bundle used for constant memory and file scanning.")]
public sealed partial class YaraUpdateCommand
{
    [Positional("rule", Help = "rule to compile and set on sensor for constant scanning, literal rule or \"https://\" URL or base64 encoded rule")]
    public string Rule { get; set; } = "";
}
