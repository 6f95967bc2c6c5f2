using System.Buffers;
using System.Net.Security;
using System.Security.Cryptography;
using Sensor.Channel;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Agent;

/// <summary>
/// The agent's side of the channel: connects out over pinned TLS, enrolls or authenticates, then runs three loops
/// per connection (read frames, send queued events, ping) until one fails; then backs off and reconnects. Events
/// stay in the <see cref="OutboundQueue"/> until the server acknowledges them, so a reconnect resends everything
/// unacknowledged and loses nothing that fits in the bound.
/// </summary>
public sealed partial class ChannelAgent : IAsyncDisposable, IAgentControl
{
    private AgentConfig _config;
    private readonly Action<string> _log;
    private readonly AgentStateStore _store;
    private readonly SeenTaskStore _seen;
    private readonly TaskRunner _runner;
    private readonly ReconnectBackoff _backoff;
    private readonly RoutingInfo _routing;
    private readonly OsFamily _platform;
    private readonly FrameLimits _limits = FrameLimits.Default;
    private readonly ulong _streamId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;
    private AgentIdentity? _identity;
    private volatile string? _lastError;
    private volatile bool _restartRequested;
    private CancellationTokenSource? _iteration;

    public ChannelAgent(AgentConfig config, ITaskCommands commands, OsFamily platform, int plat, int arch, Action<string> log)
    {
        _config = config;
        _log = log;
        _platform = platform;
        _store = new AgentStateStore(config.StateDirectory);
        _identity = _store.LoadIdentity();
        if (_identity is null && config.InstallationKey is null)
        {
            throw new AgentConfigException("the sensor is not enrolled and the configuration has no installation_key");
        }

        _routing = new RoutingInfo
        {
            Sid = _identity?.Sid ?? "00000000-0000-0000-0000-000000000000",
            Hostname = Environment.MachineName,
            Plat = plat,
            Arch = arch,
        };
        Queue = new OutboundQueue(config.QueueMaxEvents, config.QueueMaxBytes,
            Math.Min(_limits.MaxWireBytes, _limits.MaxDecodedBytes) - ChannelProtocol.EventEnvelopeBytes);
        _seen = new SeenTaskStore(_store.SeenTasksPath, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _runner = new TaskRunner(commands, Queue, () => _routing, platform, config.Workers, config.UrgentWorkers, config.TaskTimeout, log)
        {
            Agent = this,
        };
        _backoff = new ReconnectBackoff(config.BackoffMin, config.BackoffMax, Random.Shared);
    }

    public OutboundQueue Queue { get; }

    /// <summary>systemd's watchdog, beaten from this loop only (see <see cref="ServiceWatchdog"/>).</summary>
    public ServiceWatchdog Watchdog { get; init; } = ServiceWatchdog.FromEnvironment();

    /// <summary>The routing of events the agent produces on its own (continuous scans): its sid and host.</summary>
    public RoutingInfo Routing => _routing;

    public AgentConnectionState State { get; private set; } = AgentConnectionState.Starting;

    public string? Sid => _identity?.Sid;

    /// <summary>The credential as stored (base64), for the logger to redact; null before enrollment.</summary>
    public string? CredentialText => _identity is null ? null : Convert.ToBase64String(_identity.Credential);

    /// <summary>Raised once the server issued a sid and credential (before anything is logged about it).</summary>
    public event Action? Enrolled;

    public string? LastError => _lastError;

    /// <summary>Connections that got past the welcome.</summary>
    public int Sessions { get; private set; }

    /// <summary>Tasks received that were already seen and so not run again.</summary>
    public long DuplicateTasks { get; private set; }

    public long TasksReceived { get; private set; }

    /// <summary>
    /// Where <c>restart</c> reloads the configuration from (the file the agent started with); null keeps the one
    /// given. Connection settings, pins and keys take effect on reload; the state directory, queue bounds and worker
    /// counts are fixed for the life of the process.
    /// </summary>
    public Func<AgentConfig>? ConfigSource { get; set; }

    /// <summary>Re-initializations done on request (the restart command).</summary>
    public int Restarts { get; private set; }

    public void RequestRestart()
    {
        _restartRequested = true;
        try
        {
            Volatile.Read(ref _iteration)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Between two iterations: the next one sees the flag.
        }
    }

    public bool WaitForDelivery(TimeSpan timeout, CancellationToken cancellation)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Queue.Counters.QueuedEvents > 0)
        {
            if (Environment.TickCount64 >= deadline || cancellation.WaitHandle.WaitOne(20))
            {
                return false;
            }
        }

        return true;
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        WriteStatus();
        while (!cancellation.IsCancellationRequested)
        {
            // One token per iteration (session and back-off) so that a restart can end either at once.
            using var iteration = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            Volatile.Write(ref _iteration, iteration);
            if (_restartRequested)
            {
                Reinitialize();
            }

            TimeSpan delay;
            Watchdog.Beat();
            try
            {
                SetState(AgentConnectionState.Connecting);
                await RunSessionAsync(iteration.Token).ConfigureAwait(false);
                delay = _backoff.NextDelay();
            }
            catch (Exception) when (_restartRequested && !cancellation.IsCancellationRequested)
            {
                Reinitialize();
                continue;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                break;
            }
            catch (CredentialRefusedException e)
            {
                Fail(e.Message);
                SetState(AgentConnectionState.Refused);
                delay = _backoff.MaxDelay();
            }
            catch (Exception e)
            {
                Fail(e is ChannelProtocolException p ? $"protocol violation ({p.Error}): {p.Message}" : e.Message);
                delay = _backoff.NextDelay();
            }

            if (State != AgentConnectionState.Refused)
            {
                SetState(AgentConnectionState.Backoff);
            }

            try
            {
                await Watchdog.DelayAsync(delay, iteration.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                // A restart during the back-off: reconnect now.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Volatile.Write(ref _iteration, null);
        SetState(AgentConnectionState.Stopped);
    }

    /// <summary>The restart command's work between two connections: configuration and identity read again.</summary>
    private void Reinitialize()
    {
        _restartRequested = false;
        Restarts++;
        if (ConfigSource is { } source)
        {
            try
            {
                _config = source();
            }
            catch (AgentConfigException e)
            {
                Fail($"restart: the configuration cannot be reloaded, the running one is kept: {e.Message}");
            }
        }

        // A deleted identity file means enrol again (cloned sensor ids): the reference's reason for restart.
        try
        {
            _identity = _store.LoadIdentity();
        }
        catch (AgentConfigException e)
        {
            Fail($"restart: the identity cannot be reloaded, the running one is kept: {e.Message}");
        }

        _routing.Sid = _identity?.Sid ?? "00000000-0000-0000-0000-000000000000";
        _backoff.Reset();
        _log($"re-initializing: reconnecting to {_config.Host}:{_config.Port} as {_identity?.Sid ?? "a new enrollment"}");
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync().ConfigureAwait(false);
        _seen.Dispose();
    }

    private async Task RunSessionAsync(CancellationToken cancellation)
    {
        await using SslStream tls = await PinnedTlsClient.ConnectAsync(_config.Host, _config.Port, _config.ServerName, _config.Pins,
            _config.ConnectTimeout, _config.HandshakeTimeout, cancellation).ConfigureAwait(false);
        Watchdog.Beat();
        var reader = new FrameReader(tls, _limits) { ReadTimeout = _config.ReadTimeout };
        var session = new Session(tls, _limits);

        await session.SendAsync(w => MessageCodec.WriteHello(w, new HelloMessage
        {
            Sid = _identity?.Sid,
            Credential = _identity?.Credential,
            InstallationKey = _identity is null ? _config.InstallationKey : null,
            Hostname = _routing.Hostname,
            Plat = _routing.Plat,
            Arch = _routing.Arch,
            AgentVersion = typeof(ChannelAgent).Assembly.GetName().Version?.ToString() ?? "",
            StreamId = _streamId,
        }), cancellation).ConfigureAwait(false);

        WelcomeMessage welcome;
        using (Frame frame = await reader.ReadAsync(cancellation).ConfigureAwait(false)
            ?? throw new IOException("the server closed the connection before its welcome"))
        {
            welcome = MessageCodec.ReadWelcome(frame.Payload, _limits);
        }

        Accept(welcome);
        Watchdog.Beat();
        Sessions++;
        _backoff.Reset();
        _lastError = null;
        SetState(AgentConnectionState.Connected);
        _log($"connected to {_config.Host}:{_config.Port} as {_identity!.Sid}");

        var (lostEvents, lostBytes) = Queue.TakeUnreportedLoss();
        if (lostEvents > 0)
        {
            AgentEvents.PublishDataDropped(Queue, _routing, _platform, lostEvents, lostBytes);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task[] loops =
        [
            ReadLoopAsync(reader, session, stop.Token),
            SendLoopAsync(session, stop.Token),
            PingLoopAsync(session, stop.Token),
        ];
        Task first = await Task.WhenAny(loops).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        tls.Close();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch
        {
            // The first loop's failure is the one worth reporting; the others failed because the connection closed.
        }

        await first.ConfigureAwait(false);
        throw new IOException("the connection ended");
    }

    private void Accept(WelcomeMessage welcome)
    {
        switch (welcome.Status)
        {
            case WelcomeStatus.Accepted:
                if (welcome.ServerTimeMs is { } serverTime)
                {
                    ServerClock.Record(serverTime, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                }

                break;
            case WelcomeStatus.CredentialRefused or WelcomeStatus.InstallationKeyRefused:
                throw new CredentialRefusedException($"the server refused the sensor: {welcome.Status} {welcome.Message}");
            default:
                throw new IOException($"the server refused the connection: {welcome.Status} {welcome.Message}");
        }

        if (_identity is null)
        {
            if (string.IsNullOrEmpty(welcome.Sid) || welcome.Credential is not { Length: > 0 })
            {
                throw new ChannelProtocolException(ProtocolError.MalformedMessage, "enrollment welcome without sid and credential");
            }

            var identity = new AgentIdentity(welcome.Sid, welcome.Credential);
            _store.SaveIdentity(identity);
            _identity = identity;
            Enrolled?.Invoke();
            _log($"enrolled as {identity.Sid}");
        }
        else if (welcome.Sid is not null && welcome.Sid != _identity.Sid)
        {
            throw new ChannelProtocolException(ProtocolError.MalformedMessage, $"the server welcomed sid {welcome.Sid}, not {_identity.Sid}");
        }

        _routing.Sid = _identity.Sid;
    }

    private async Task ReadLoopAsync(FrameReader reader, Session session, CancellationToken cancellation)
    {
        while (true)
        {
            using Frame frame = await reader.ReadAsync(cancellation).ConfigureAwait(false)
                ?? throw new IOException("the server closed the connection");
            switch (MessageCodec.ReadKind(frame.Payload, _limits))
            {
                case MessageKind.Task:
                    TaskMessage task = MessageCodec.ReadTask(frame.Payload, _limits);
                    await HandleTaskAsync(task, session, cancellation).ConfigureAwait(false);
                    break;
                case MessageKind.Ack:
                    AckMessage ack = MessageCodec.ReadAck(frame.Payload, _limits);
                    Queue.Acknowledge(ack.EventSequence);
                    break;
                case MessageKind.Ping:
                    PingMessage ping = MessageCodec.ReadPing(frame.Payload, _limits);
                    if (!ping.IsReply)
                    {
                        await session.SendAsync(w => MessageCodec.WritePing(w, ping with { IsReply = true }), cancellation).ConfigureAwait(false);
                    }

                    break;
                default:
                    throw new ChannelProtocolException(ProtocolError.UnexpectedMessage, "the server sent a message only a sensor sends");
            }
        }
    }

    /// <summary>
    /// Records the id before anything else so the task runs at most once, whatever fails later; then the receipt,
    /// then the acknowledgement (the server stops resending), then the run.
    /// </summary>
    private async Task HandleTaskAsync(TaskMessage task, Session session, CancellationToken cancellation)
    {
        TasksReceived++;
        byte[] taskId = task.TaskId;
        if (!_seen.TryRecord(taskId, task.ExpiryMs))
        {
            DuplicateTasks++;
            _log($"task {Convert.ToHexStringLower(taskId)} ({task.Command}) was seen before; acknowledged, not run again");
        }
        else
        {
            AgentEvents.PublishReceipt(Queue, _routing, _platform, task);
            _runner.Submit(task);
        }

        await session.SendAsync(w => MessageCodec.WriteAck(w, new AckMessage { TaskId = taskId }), cancellation).ConfigureAwait(false);
    }

    private async Task SendLoopAsync(Session session, CancellationToken cancellation)
    {
        // Everything still queued was not acknowledged: resend from the head.
        ulong sent = 0;
        while (true)
        {
            Task more = Queue.WaitForEventAsync();
            while (Queue.TryGetAfter(sent, out OutboundEvent entry))
            {
                await session.SendAsync(w => MessageCodec.WriteEvent(w, entry.Sequence, entry.Data), cancellation).ConfigureAwait(false);
                sent = entry.Sequence;
            }

            await more.WaitAsync(cancellation).ConfigureAwait(false);
        }
    }

    private async Task PingLoopAsync(Session session, CancellationToken cancellation)
    {
        ulong nonce = 0;
        // Ticks at the ping interval, or more often when the watchdog needs beats sooner; a beat follows a completed
        // tick, so a ping stuck behind a wedged send stops the beats.
        TimeSpan tick = Watchdog.Enabled && Watchdog.BeatInterval < _config.PingInterval ? Watchdog.BeatInterval : _config.PingInterval;
        long nextPing = Environment.TickCount64 + (long)_config.PingInterval.TotalMilliseconds;
        using var timer = new PeriodicTimer(tick);
        while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
        {
            // Half a tick of slack: a timer that fires a millisecond early must not postpone the ping by a whole tick.
            if (Environment.TickCount64 >= nextPing - (long)(tick.TotalMilliseconds / 2))
            {
                nextPing = Environment.TickCount64 + (long)_config.PingInterval.TotalMilliseconds;
                WriteStatus();
                ulong current = ++nonce;
                await session.SendAsync(w => MessageCodec.WritePing(w, new PingMessage(current, false)), cancellation).ConfigureAwait(false);
            }

            Watchdog.Beat();
        }
    }

    private void SetState(AgentConnectionState state)
    {
        State = state;
        WriteStatus();
    }

    private void Fail(string message)
    {
        _lastError = message;
        _log(message);
    }

    private void WriteStatus()
    {
        try
        {
            _store.SaveStatus(AgentStatus.ToJson(this, _config));
        }
        catch (IOException e)
        {
            _log($"cannot write the status file: {e.Message}");
        }
    }

    /// <summary>One connection's writer: frames from several loops are written one at a time.</summary>
    private sealed class Session(Stream stream, FrameLimits limits)
    {
        private readonly FrameWriter _writer = new(stream, limits);
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task SendAsync(Action<IBufferWriter<byte>> write, CancellationToken cancellation)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            write(buffer);
            await _gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                await _writer.WriteAsync(buffer.WrittenMemory, cancellation).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
