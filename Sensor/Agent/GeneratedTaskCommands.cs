using Sensor.Commands;

namespace Sensor.Agent;

/// <summary>Tasks run through the generated command table, with <see cref="CommandRunner"/>'s guarantee of an answer.</summary>
public sealed class GeneratedTaskCommands : ITaskCommands
{
    public CommandDescriptor? Find(string name) => CommandTable.Find(name);

    public bool Execute(string name, ReadOnlySpan<string> argv, CommandContext context) => CommandRunner.Run(name, argv, context);
}
