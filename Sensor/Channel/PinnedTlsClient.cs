using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Sensor.Channel;

/// <summary>
/// Opens the sensor's TLS connection. Trust comes only from the pins: the OS trust store is never consulted (the chain
/// policy trusts no root and downloads nothing), chain errors are ignored, and the server's leaf key must match the
/// primary or backup pin. The name must still match the configured server name. Certificate dates are not checked:
/// endpoint clocks are often wrong and the pinned key, not the certificate, is the identity (docs/protocol.md §3).
/// </summary>
public static class PinnedTlsClient
{
    public static async Task<SslStream> ConnectAsync(
        string host, int port, string serverName, PinSet pins, TimeSpan connectTimeout, TimeSpan handshakeTimeout,
        CancellationToken cancellation)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                timeout.CancelAfter(connectTimeout);
                try
                {
                    await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw new TimeoutException($"connect to {host}:{port} took longer than {connectTimeout.TotalSeconds:0.#} s");
                }
            }

            var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            string? refusal = null;
            SslClientAuthenticationOptions options = ClientOptions(serverName, (_, certificate, _, errors) =>
            {
                refusal = Check(certificate, errors, pins, serverName);
                return refusal is null;
            });

            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            handshake.CancelAfter(handshakeTimeout);
            try
            {
                await stream.AuthenticateAsClientAsync(options, handshake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw new TimeoutException($"TLS handshake with {host}:{port} took longer than {handshakeTimeout.TotalSeconds:0.#} s");
            }
            catch (AuthenticationException e)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                throw new PinningException(refusal ?? e.Message, e);
            }

            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The client side of the channel's TLS: 1.2 or 1.3, no revocation lookups or certificate downloads (the pins,
    /// not a CA, decide), and <paramref name="validate"/> as the only judge of the server's certificate. The agent and
    /// <c>sensor health</c>'s probe connect with the same options, so the probe sees what the agent would.
    /// </summary>
    public static SslClientAuthenticationOptions ClientOptions(string serverName, RemoteCertificateValidationCallback validate) => new()
    {
        TargetHost = serverName,
        EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        },
        RemoteCertificateValidationCallback = validate,
    };

    /// <summary>Null when the certificate is acceptable, else why not.</summary>
    public static string? Check(X509Certificate? certificate, SslPolicyErrors errors, PinSet pins, string serverName)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server presented no certificate";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the server certificate is not for the name '{serverName}'";
        }

        // RemoteCertificateChainErrors is expected (no root is trusted) and ignored: the pin is the trust.
        if (certificate is not X509Certificate2 key)
        {
            return "the server certificate could not be read";
        }

        return pins.Matches(key) ? null : $"the server key {SpkiPin.FromCertificate(key)} matches neither pin";
    }
}
