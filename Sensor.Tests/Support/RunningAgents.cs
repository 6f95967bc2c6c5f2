using System.Collections.Concurrent;
using Sensor.Agent;
using Sensor.Platform;

namespace Sensor.Tests.Support;

/// <summary>In-process agents a test bed started, each on its own run loop, stopped one by one or all at disposal.</summary>
public sealed class RunningAgents
{
    private readonly List<(ChannelAgent Agent, CancellationTokenSource Stop, Task Run)> _agents = [];

    /// <summary>Starts an agent that logs into <paramref name="log"/>; no systemd watchdog unless one is given.</summary>
    public ChannelAgent Start(AgentConfig config, ITaskCommands commands, ConcurrentQueue<string> log, ServiceWatchdog? watchdog = null)
    {
        var agent = new ChannelAgent(config, commands, OsFamily.Linux, 0x20000000, 2, log.Enqueue) { Watchdog = watchdog ?? ServiceWatchdog.Disabled };
        var stop = new CancellationTokenSource();
        _agents.Add((agent, stop, Task.Run(() => agent.RunAsync(stop.Token))));
        return agent;
    }

    public async Task StopAsync(ChannelAgent agent)
    {
        int index = _agents.FindIndex(a => a.Agent == agent);
        var (_, stop, run) = _agents[index];
        _agents.RemoveAt(index);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        await agent.DisposeAsync();
    }

    public async Task StopAllAsync()
    {
        foreach (var (agent, _, _) in _agents.ToArray())
        {
            await StopAsync(agent);
        }
    }
}
