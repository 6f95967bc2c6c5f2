using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("history_dump", 20, ReplyEvent = "HISTORY_DUMP_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS | OsFamily.Chrome | OsFamily.Edge, Planned = true,
    Description = "Send to the backend the entire contents of the sensor event cache.")]
public sealed partial class HistoryDumpCommand
{
    [Option("-r", "--rootatom", Meta = "ROOT", Help = "dump events present in the tree rooted at this atom")]
    public string? RootAtom { get; set; }

    [Option("-a", "--atom", Meta = "ATOM", Help = "dump the event with this specific atom")]
    public string? Atom { get; set; }

    [Option("-e", "--event", Meta = "EVENT", Help = "dump events of this type only")]
    public string? Event { get; set; }
}
