using Sensor.Platform;

namespace Sensor.Commands;

/// <summary>One row of the generated command table.</summary>
public sealed class CommandDescriptor(
    int id, string name, string replyEvent, OsFamily platforms, bool implemented, bool urgent,
    string description, string usage, string help)
{
    public int Id { get; } = id;
    public string Name { get; } = name;
    public string ReplyEvent { get; } = replyEvent;
    public OsFamily Platforms { get; } = platforms;

    /// <summary>False for commands declared with <c>Planned = true</c>: they answer ERROR 50.</summary>
    public bool Implemented { get; } = implemented;
    public bool Urgent { get; } = urgent;
    public string Description { get; } = description;

    /// <summary>The usage line, argparse style: <c>usage: file_get [-h] [-o OFFSET] [-s MAXSIZE] file</c>.</summary>
    public string Usage { get; } = usage;

    /// <summary>The usage line followed by the argument sections, as <c>-h</c> prints it.</summary>
    public string Help { get; } = help;
}
