using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Sensor.Channel;

namespace Sensor.Tests.Support;

/// <summary>
/// A TLS server with a chosen certificate that does not wait for the hello: right after the handshake it sends a
/// welcome and a task, then (optionally) half a frame and stalls. It records whether its handshakes succeeded.
/// </summary>
public sealed class HostileTlsServer : IAsyncDisposable
{
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly X509Certificate2 _certificate;
    private readonly bool _stallAfterWelcome;
    private readonly TimeSpan _clockOffset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="clockOffset">how far the server's clock in its welcome is ahead of the real one.</param>
    public HostileTlsServer(X509Certificate2 certificate, bool stallAfterWelcome = false, TimeSpan clockOffset = default)
    {
        _certificate = certificate;
        _stallAfterWelcome = stallAfterWelcome;
        _clockOffset = clockOffset;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public int Handshakes;
    public int FailedHandshakes;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await using var tls = new SslStream(new NetworkStream(client, ownsSocket: true));
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
            Interlocked.Increment(ref Handshakes);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref FailedHandshakes);
            return;
        }

        try
        {
            var writer = new FrameWriter(tls, FrameLimits.Default);
            await writer.WriteAsync(Message(w => MessageCodec.WriteWelcome(w, new WelcomeMessage
            {
                Status = WelcomeStatus.Accepted,
                Sid = "11111111-2222-3333-4444-555555555555",
                Credential = [1, 2, 3],
                ServerTimeMs = DateTimeOffset.UtcNow.Add(_clockOffset).ToUnixTimeMilliseconds(),
            })), _stop.Token);
            if (_stallAfterWelcome)
            {
                byte[] frame = FrameWriter.Encode(Message(w => MessageCodec.WritePing(w, new PingMessage(1, false))).Span,
                    FrameLimits.Default, 4096, out int length);
                await tls.WriteAsync(frame.AsMemory(0, length / 2), _stop.Token);
                await tls.FlushAsync(_stop.Token);
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            await writer.WriteAsync(Message(w => MessageCodec.WriteTask(w, new TaskMessage
            {
                TaskId = [7, 7, 7],
                Command = "echo",
                Arguments = ["from a hostile server"],
                ExpiryMs = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds(),
            })), _stop.Token);
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (Exception)
        {
        }
    }

    private static ReadOnlyMemory<byte> Message(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenMemory;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
    }
}
