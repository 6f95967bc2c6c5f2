using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Sensor.Channel;

namespace Sensor.Server;

/// <summary>
/// Accepts sensors over TLS, enrolls them with installation keys, authenticates them by credential, sends their
/// pending tasks, writes their events to the event log and acknowledges each one after it is on disk. A connection
/// that breaks the protocol is closed and logged; the server lives on.
/// </summary>
public sealed class ChannelServer : IAsyncDisposable
{
    private readonly ServerDirectory _directory;
    private readonly X509Certificate2 _certificate;
    private readonly ServerOptions _options;
    private readonly Action<string> _log;
    private readonly EventLog _events;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly FrameLimits _limits = FrameLimits.Default;
    private readonly SensorSessions _sessions = new();
    private Task? _acceptLoop;
    private long _eventsThisProcess;
    private long _eventsReceivedThisProcess;

    public ChannelServer(ServerDirectory directory, IPEndPoint listen, ServerOptions options, Action<string> log)
    {
        _directory = directory;
        _certificate = directory.LoadCertificate();
        _options = options;
        _log = log;
        _events = new EventLog(directory.EventsPath);
        _listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(listen);
        _listener.Listen(128);
        // Tasks queued and revocations made in this process reach the live sessions at once.
        _directory.TaskQueued += _sessions.Wake;
        _directory.SensorRevoked += DropRevoked;
    }

    /// <summary>The live sessions by sensor (wake-ups and drops).</summary>
    public SensorSessions Sessions => _sessions;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public EventLog Events => _events;

    /// <summary>Raised after an event is on disk, with its MessagePack bytes as the sensor sent them.</summary>
    public event Action<string, byte[]>? EventStored;

    /// <summary>Raised when a sensor is admitted (sid, its hello, the peer address) and when its session ends.</summary>
    public event Action<string, HelloMessage, string>? SensorConnected;

    public event Action<string>? SensorDisconnected;

    /// <summary>Asked before a pending task is sent (sid, task id, message); false keeps it from the sensor (expired, revoked).</summary>
    public Func<string, string, byte[], bool>? TaskGate { get; set; }

    /// <summary>Connections refused or closed for a protocol violation, with the reason (for tests and the log).</summary>
    public List<string> Refusals { get; } = [];

    public void Start() => _acceptLoop = AcceptLoopAsync(_stopping.Token);

    public async ValueTask DisposeAsync()
    {
        _directory.TaskQueued -= _sessions.Wake;
        _directory.SensorRevoked -= DropRevoked;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            try
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        _events.Dispose();
        _certificate.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            Socket client = await _listener.AcceptAsync(cancellation).ConfigureAwait(false);
            _ = Task.Run(() => ServeAsync(client, cancellation), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellation)
    {
        string peer = client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            await using var tls = new SslStream(new NetworkStream(client, ownsSocket: true));
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                handshake.CancelAfter(_options.HandshakeTimeout);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
                    ClientCertificateRequired = false,
                }, handshake.Token).ConfigureAwait(false);
            }

            await RunSessionAsync(tls, peer, cancellation).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever went wrong ends this connection only; it is logged, never left unobserved.
            string reason = e is ChannelProtocolException p ? $"protocol violation ({p.Error}): {p.Message}" : e.Message;
            lock (Refusals)
            {
                Refusals.Add(reason);
            }

            if (!cancellation.IsCancellationRequested)
            {
                _log($"{peer}: connection closed: {reason}");
            }
        }
    }

    private async Task RunSessionAsync(SslStream tls, string peer, CancellationToken cancellation)
    {
        var reader = new FrameReader(tls, _limits) { ReadTimeout = _options.HandshakeTimeout };
        var writer = new FrameWriter(tls, _limits);
        var gate = new SemaphoreSlim(1, 1);

        async Task SendAsync(Action<IBufferWriter<byte>> write)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            write(buffer);
            await gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                await writer.WriteAsync(buffer.WrittenMemory, cancellation).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        HelloMessage hello;
        using (Frame frame = await reader.ReadAsync(cancellation).ConfigureAwait(false) ?? throw new IOException("closed before hello"))
        {
            hello = MessageCodec.ReadHello(frame.Payload, _limits);
        }

        WelcomeMessage welcome = Admit(hello);
        welcome.ServerTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await SendAsync(w => MessageCodec.WriteWelcome(w, welcome)).ConfigureAwait(false);
        if (welcome.Status != WelcomeStatus.Accepted)
        {
            throw new IOException($"refused: {welcome.Status} {welcome.Message}");
        }

        string sid = welcome.Sid!;
        _log($"{peer}: sensor {sid} ({hello.Hostname}) connected");
        SensorConnected?.Invoke(sid, hello, peer);
        reader.ReadTimeout = _options.ReadTimeout;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using SensorSessions.Handle session = _sessions.Open(sid, stop.Token);
        Task tasks = PushTasksAsync(sid, session, SendAsync, session.Ended);
        try
        {
            while (true)
            {
                Frame? next;
                try
                {
                    next = await reader.ReadAsync(session.Ended).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (session.Dropped && !cancellation.IsCancellationRequested)
                {
                    throw new IOException($"sensor {sid} was revoked: its connection is closed");
                }

                using Frame frame = next ?? throw new IOException("the sensor closed the connection");
                switch (MessageCodec.ReadKind(frame.Payload, _limits))
                {
                    case MessageKind.Event:
                        EventMessage message = MessageCodec.ReadEvent(frame.Payload, _limits);
                        _options.BeforeEventWrite?.Invoke(sid, message.Sequence);
                        if (_options.HoldBeforeWriteEvent is { } holdAt && Interlocked.Increment(ref _eventsReceivedThisProcess) == holdAt)
                        {
                            // Fault injection: the event is received and not written; the test kills the process here.
                            await HoldForeverAsync(sid, message.Sequence, cancellation).ConfigureAwait(false);
                        }

                        if (_events.Append(sid, hello.StreamId, message.Sequence, message.Data.Span))
                        {
                            EventStored?.Invoke(sid, message.Data.ToArray());
                        }
                        if (_options.CrashAfterEvents is { } crashAt && Interlocked.Increment(ref _eventsThisProcess) >= crashAt)
                        {
                            // Fault injection: die between writing an event and acknowledging it.
                            Process.GetCurrentProcess().Kill();
                        }

                        ulong sequence = message.Sequence;
                        await SendAsync(w => MessageCodec.WriteAck(w, new AckMessage { EventSequence = sequence })).ConfigureAwait(false);
                        break;
                    case MessageKind.Ack:
                        AckMessage ack = MessageCodec.ReadAck(frame.Payload, _limits);
                        if (ack.TaskId is not null && !_options.IgnoreTaskAcks)
                        {
                            _directory.CompleteTask(sid, ack.TaskId);
                        }

                        break;
                    case MessageKind.Ping:
                        PingMessage ping = MessageCodec.ReadPing(frame.Payload, _limits);
                        if (!ping.IsReply)
                        {
                            await SendAsync(w => MessageCodec.WritePing(w, ping with { IsReply = true })).ConfigureAwait(false);
                        }

                        break;
                    default:
                        throw new ChannelProtocolException(ProtocolError.UnexpectedMessage, "the sensor sent a message only a server sends");
                }
            }
        }
        finally
        {
            SensorDisconnected?.Invoke(sid);
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await tasks.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private WelcomeMessage Admit(HelloMessage hello)
    {
        if (hello.ProtocolVersion != ChannelProtocol.Version)
        {
            return new WelcomeMessage { Status = WelcomeStatus.UnsupportedVersion, Message = $"this server speaks version {ChannelProtocol.Version}" };
        }

        if (hello.Sid is not null && hello.Credential is not null)
        {
            return _directory.Authenticate(hello.Sid, hello.Credential)
                ? new WelcomeMessage { Status = WelcomeStatus.Accepted, Sid = hello.Sid }
                : new WelcomeMessage { Status = WelcomeStatus.CredentialRefused, Message = "unknown, revoked or wrong credential" };
        }

        if (hello.InstallationKey is not null && _directory.CheckInstallationKey(hello.InstallationKey) is { } keyId)
        {
            var (sid, credential) = _directory.Enroll(hello.Hostname, keyId);
            _log($"enrolled sensor {sid} ({hello.Hostname}) with installation key {keyId}");
            return new WelcomeMessage { Status = WelcomeStatus.Accepted, Sid = sid, Credential = credential };
        }

        return new WelcomeMessage { Status = WelcomeStatus.InstallationKeyRefused, Message = "unknown installation key" };
    }

    /// <summary>
    /// Sends each pending task once per connection; a task stays pending until the sensor acknowledges it. The task
    /// directory is listed when this process queues a task for the sensor (<see cref="ServerDirectory.TaskQueued"/>
    /// wakes the session) and, as a fallback for tasks queued by another process (and revocations made there), every
    /// <see cref="ServerOptions.TaskPollInterval"/>.
    /// </summary>
    private async Task PushTasksAsync(string sid, SensorSessions.Handle session, Func<Action<IBufferWriter<byte>>, Task> send,
        CancellationToken cancellation)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellation.IsCancellationRequested)
        {
            if (_directory.IsRevoked(sid))
            {
                _sessions.Drop(sid);
                return;
            }

            foreach (var (taskId, message) in _directory.PendingTasks(sid))
            {
                if (sent.Add(taskId) && TaskGate?.Invoke(sid, taskId, message) != false)
                {
                    await send(w => w.Write(message)).ConfigureAwait(false);
                }
            }

            await session.WaitForWorkAsync(_options.TaskPollInterval).ConfigureAwait(false);
        }
    }

    private void DropRevoked(string sid)
    {
        int dropped = _sessions.Drop(sid);
        if (dropped > 0)
        {
            _log($"sensor {sid} revoked: closing its {dropped} live connection(s)");
        }
    }

    private async Task HoldForeverAsync(string sid, ulong sequence, CancellationToken cancellation)
    {
        Sensor.Agent.AtomicFile.Write(Path.Combine(_directory.Root, ServerOptions.HoldMarkerFile),
            System.Text.Encoding.UTF8.GetBytes($"{sid} {sequence}"));
        _log($"fault injection: holding event {sequence} of {sid} before writing it");
        await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
    }
}
