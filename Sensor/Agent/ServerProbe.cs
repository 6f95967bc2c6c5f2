using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sensor.Channel;

namespace Sensor.Agent;

/// <summary>
/// <c>sensor health</c>'s live look at the configured server: connect, do the TLS handshake, and report the
/// certificate and key it presents against the pins. The handshake accepts whatever is presented so that a wrong
/// key can be shown, and nothing is sent over it: the probe never authenticates, so no secret is exposed to a
/// server that fails the pins.
/// </summary>
public static class ServerProbe
{
    public static async Task<ServerProbeResult> RunAsync(AgentConfig config, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(config.ConnectTimeout);
            await socket.ConnectAsync(config.Host, config.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            string why = e is OperationCanceledException ? $"took longer than {config.ConnectTimeout.TotalSeconds:0.#} s" : e.Message;
            return new ServerProbeResult { ConnectMs = clock.Elapsed.TotalMilliseconds, Error = $"connect to {config.Host}:{config.Port}: {why}" };
        }

        double connectMs = clock.Elapsed.TotalMilliseconds;
        X509Certificate2? presented = null;
        SslPolicyErrors policyErrors = SslPolicyErrors.None;
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        SslClientAuthenticationOptions options = PinnedTlsClient.ClientOptions(config.ServerName, (_, certificate, _, errors) =>
        {
            // Accepted here whatever it is: the probe reports what was presented against the pins, after the handshake.
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            policyErrors = errors;
            return true;
        });

        clock.Restart();
        string? handshakeError = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(config.HandshakeTimeout);
            await tls.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            handshakeError = e is OperationCanceledException ? $"TLS handshake took longer than {config.HandshakeTimeout.TotalSeconds:0.#} s" : $"TLS handshake: {e.Message}";
        }

        double handshakeMs = clock.Elapsed.TotalMilliseconds;
        using (presented)
        {
            if (presented is null)
            {
                return new ServerProbeResult
                {
                    Connected = true,
                    ConnectMs = connectMs,
                    HandshakeMs = handshakeMs,
                    Error = handshakeError ?? "the server presented no certificate",
                };
            }

            SpkiPin pin = SpkiPin.FromCertificate(presented);
            string match = pin.Equals(config.Pins.Primary) ? "primary" : config.Pins.Backup is { } b && pin.Equals(b) ? "backup" : "none";
            bool nameMatches = (policyErrors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
            string? error = handshakeError
                ?? (match == "none" ? $"the server key {pin} matches neither pin" : null)
                ?? (nameMatches ? null : $"the server certificate is not for the name '{config.ServerName}'");
            return new ServerProbeResult
            {
                Connected = true,
                ConnectMs = connectMs,
                HandshakeMs = handshakeMs,
                Protocol = handshakeError is null ? tls.SslProtocol.ToString() : null,
                Subject = presented.Subject,
                Issuer = presented.Issuer,
                NotBefore = presented.NotBefore.ToUniversalTime(),
                NotAfter = presented.NotAfter.ToUniversalTime(),
                CertificateSha256 = Convert.ToHexStringLower(SHA256.HashData(presented.RawData)),
                PresentedPin = pin,
                PinMatch = match,
                NameMatches = nameMatches,
                Error = error,
            };
        }
    }
}
