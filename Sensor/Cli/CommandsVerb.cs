using System.CommandLine;
using System.Text;
using Sensor.Commands;
using Sensor.Platform;

namespace Sensor.Cli;

/// <summary>
/// <c>sensor commands</c> lists the command table; <c>--markdown</c> writes the generated part of
/// <c>docs/commands.md</c> (between its markers), which CI compares with the checked-in file.
/// </summary>
public static class CommandsVerb
{
    public const string BeginMarker = "<!-- BEGIN GENERATED: sensor commands --markdown -->";
    public const string EndMarker = "<!-- END GENERATED -->";

    public static Command CreateCommand()
    {
        var markdown = new Option<bool>("--markdown") { Description = "write the command reference as Markdown (docs/commands.md)" };
        var command = new Command("commands", "List every command with its reply event, supported OSes and whether this build implements it.");
        command.Options.Add(markdown);
        command.SetAction(result =>
        {
            Console.Out.Write(result.GetValue(markdown) ? Markdown() : Table());
            return 0;
        });
        return command;
    }

    public static bool ImplementedHere(CommandDescriptor d) => d.Implemented && (d.Platforms & Os.Family) != 0;

    public static string Table()
    {
        var text = new StringBuilder();
        text.AppendLine($"{"COMMAND",-22} {"ID",3}  {"REPLY EVENT",-26} {"PLATFORMS",-34} HERE");
        foreach (CommandDescriptor d in CommandTable.All)
        {
            text.AppendLine($"{d.Name,-22} {d.Id,3}  {d.ReplyEvent,-26} {Platforms(d.Platforms),-34} {(ImplementedHere(d) ? "yes" : d.Implemented ? "not on this OS" : "planned")}");
        }

        return text.ToString();
    }

    /// <summary>The generated reference; it names every OS's support, so it is the same whichever OS builds it.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append(BeginMarker).Append('\n');
        text.Append("| command | id | reply event | platforms | implemented |\n|---|---|---|---|---|\n");
        foreach (CommandDescriptor d in CommandTable.All)
        {
            text.Append($"| [{d.Name}](#{d.Name.Replace("_", "", StringComparison.Ordinal)}) | {d.Id} | `{d.ReplyEvent}` | {Platforms(d.Platforms)} | {(d.Implemented ? "yes" : "planned (answers ERROR 50)")} |\n");
        }

        foreach (CommandDescriptor d in CommandTable.All)
        {
            text.Append($"\n### {d.Name}\n\n");
            if (d.Description.Length > 0)
            {
                text.Append(d.Description).Append("\n\n");
            }

            text.Append($"Reply: `{d.ReplyEvent}`. Platforms: {Platforms(d.Platforms)}.{(d.Urgent ? " Runs in the urgent lane." : "")}{(d.Implemented ? "" : " Planned: answers ERROR 50 in this build.")}\n\n");
            text.Append("```\n").Append(d.Help.TrimEnd()).Append("\n```\n");
        }

        text.Append(EndMarker).Append('\n');
        return text.ToString();
    }

    private static string Platforms(OsFamily platforms)
    {
        var names = new List<string>();
        foreach (OsFamily f in new[] { OsFamily.Windows, OsFamily.Linux, OsFamily.MacOS, OsFamily.Chrome, OsFamily.Edge })
        {
            if ((platforms & f) != 0)
            {
                names.Add(f.ToString());
            }
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
