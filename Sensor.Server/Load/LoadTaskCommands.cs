using Sensor.Agent;
using Sensor.Commands;
using Sensor.Platform;

namespace Sensor.Server.Load;

/// <summary>The simulated sensors' commands: the real table's descriptors, and a small reply at once, so the load is the server's.</summary>
internal sealed class LoadTaskCommands : ITaskCommands
{
    public CommandDescriptor? Find(string name) => CommandTable.Find(name);

    public bool Execute(string name, ReadOnlySpan<string> argv, CommandContext context)
    {
        CommandDescriptor? descriptor = CommandTable.Find(name);
        if (descriptor is null)
        {
            return false;
        }

        context.Reply.Begin(descriptor.ReplyEvent);
        context.Reply.Field(Sensor.Events.FieldNames.FilePath, argv.Length > 0 ? argv[^1] : "");
        context.Reply.End(ErrorCodes.Success);
        return true;
    }
}
