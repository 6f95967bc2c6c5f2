using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("deny_tree", 2, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true, Urgent = true,
    Description = "Deny and kill all activity starting at a process and its children.")]
public sealed partial class DenyTreeCommand
{
    [Positional("atom", Help = "atoms to deny from")]
    public string[] Atoms { get; set; } = [];
}
