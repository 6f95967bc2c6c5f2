using System.Threading.Channels;
using Sensor.Channel;
using Sensor.Commands;
using Sensor.Events;
using Sensor.Platform;
using TaskLane = System.Threading.Channels.Channel<Sensor.Channel.TaskMessage>;

namespace Sensor.Agent;

/// <summary>
/// Runs tasks: a bounded pool of workers for normal commands and a separate urgent lane (commands whose descriptor
/// is <see cref="CommandDescriptor.Urgent"/>: kill, suspend, resume, isolation) with its own workers, so an urgent
/// task never waits behind a long scan. Each task gets its own context, routing (with the task's investigation id)
/// and a timeout; a lane whose backlog is full answers <see cref="ErrorCodes.Busy"/> instead of growing.
/// </summary>
public sealed class TaskRunner : IAsyncDisposable
{
    public const int MaxBacklog = 1024;

    private readonly ITaskCommands _commands;
    private readonly OutboundQueue _queue;
    private readonly Func<RoutingInfo> _routing;
    private readonly OsFamily _platform;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _log;
    private readonly TaskLane _normal = System.Threading.Channels.Channel.CreateBounded<TaskMessage>(MaxBacklog);
    private readonly TaskLane _urgent = System.Threading.Channels.Channel.CreateBounded<TaskMessage>(MaxBacklog);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private long _completed;

    public TaskRunner(ITaskCommands commands, OutboundQueue queue, Func<RoutingInfo> routing, OsFamily platform,
        int workers, int urgentWorkers, TimeSpan timeout, Action<string> log)
    {
        _commands = commands;
        _queue = queue;
        _routing = routing;
        _platform = platform;
        _timeout = timeout;
        _log = log;
        _workers = new Task[workers + urgentWorkers];
        for (int i = 0; i < _workers.Length; i++)
        {
            ChannelReader<TaskMessage> lane = i < workers ? _normal.Reader : _urgent.Reader;
            _workers[i] = Task.Run(() => WorkAsync(lane));
        }
    }

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>The agent the tasks run in (restart, delivery waits); given to every task's context.</summary>
    public IAgentControl? Agent { get; init; }

    /// <summary>Queues a task on its lane; answers Busy at once when the lane's backlog is full.</summary>
    public void Submit(TaskMessage task)
    {
        bool urgent = _commands.Find(task.Command)?.Urgent == true;
        if (!(urgent ? _urgent : _normal).Writer.TryWrite(task))
        {
            AgentEvents.PublishTaskError(_queue, _routing(), _platform, task, ErrorCodes.Busy,
                $"the sensor has {MaxBacklog} tasks waiting; try again later");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _normal.Writer.TryComplete();
        _urgent.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log("tasks still running at shutdown were abandoned");
        }

        _stopping.Dispose();
    }

    private async Task WorkAsync(ChannelReader<TaskMessage> lane)
    {
        try
        {
            await foreach (TaskMessage task in lane.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                Run(task);
                Interlocked.Increment(ref _completed);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private static long HeapLimitMiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20;

    private void Run(TaskMessage task)
    {
        RoutingInfo routing = AgentEvents.WithInvestigation(_routing(), task);
        if (task.ExpiryMs < DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
        {
            AgentEvents.PublishTaskError(_queue, routing, _platform, task, ErrorCodes.Timeout, "the task expired before it could start");
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        cancellation.CancelAfter(_timeout);
        var sink = new QueueEventSink(_queue);
        var context = new CommandContext(sink, routing, _platform, cancellation.Token) { Agent = Agent };
        // A reply larger than a frame could not be sent: listings are cut at this cap and say so.
        context.Reply.MaxEventBytes = _queue.MaxEventBytes;
        sink.Context = context;
        // The performance mode runs tasks in the background scheduling class; this worker goes back to normal after.
        bool background = ScanThrottle.IsEnabled && Os.SetCurrentThreadBackground(true) == ErrorCodes.Success;
        try
        {
            if (!_commands.Execute(task.Command, task.Arguments, context))
            {
                AgentEvents.PublishTaskError(_queue, routing, _platform, task, ErrorCodes.InvalidFunction, $"unknown command '{task.Command}'");
            }
        }
        catch (Exception e)
        {
            // A handler that fails must not take the worker with it; the task still gets an answer.
            context.Reply.Abandon();
            bool timedOut = e is OperationCanceledException && cancellation.IsCancellationRequested && !_stopping.IsCancellationRequested;
            _log($"task {task.Command} failed: {e.Message}");
            CommandDescriptor? descriptor = _commands.Find(task.Command);
            // Out of memory is the heap hard limit (docs/configuration.md) stopping this task, not the sensor: what the
            // task allocated is garbage now, and the reply says so with the limit.
            (int error, string message) = e switch
            {
                _ when timedOut => (ErrorCodes.Timeout, $"the task took longer than {_timeout.TotalSeconds:0} s"),
                OutOfMemoryException => (ErrorCodes.NotEnoughMemory,
                    $"the task needed more memory than the sensor's heap limit of {HeapLimitMiB()} MiB allows; ask for less at a time"),
                _ => (ErrorCodes.InvalidFunction, $"the command failed: {e.Message}"),
            };
            if (descriptor is not null)
            {
                context.ReplyError(descriptor, error, message);
            }
            else
            {
                AgentEvents.PublishTaskError(_queue, routing, _platform, task, error, message);
            }
        }
        finally
        {
            context.Reply.Dispose();
            if (background && Os.SetCurrentThreadBackground(false) != ErrorCodes.Success)
            {
                _log("cannot return a task worker to normal priority (CAP_SYS_NICE missing?)");
            }
        }
    }
}
