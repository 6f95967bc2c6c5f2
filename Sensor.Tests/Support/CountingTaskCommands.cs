using System.Collections.Concurrent;
using Sensor.Agent;
using Sensor.Commands;

namespace Sensor.Tests.Support;

/// <summary>The sensor's real command table, counting how often each command ran.</summary>
public sealed class CountingTaskCommands : ITaskCommands
{
    private readonly GeneratedTaskCommands _inner = new();

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public CommandDescriptor? Find(string name) => _inner.Find(name);

    public bool Execute(string name, ReadOnlySpan<string> argv, CommandContext context)
    {
        Runs.AddOrUpdate(name, 1, (_, n) => n + 1);
        return _inner.Execute(name, argv, context);
    }
}
