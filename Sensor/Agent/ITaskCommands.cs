using Sensor.Commands;

namespace Sensor.Agent;

/// <summary>The commands a task can name: the generated command table in the agent, test commands in tests.</summary>
public interface ITaskCommands
{
    CommandDescriptor? Find(string name);

    /// <summary>Runs the command; false when there is no such command (nothing was published).</summary>
    bool Execute(string name, ReadOnlySpan<string> argv, CommandContext context);
}
