using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sensor.Yara;

namespace Sensor.Tests.Yara;

/// <summary>Rules fetched over https:// from a TLS server on loopback with a certificate made in the test.</summary>
[NonParallelizable]
public sealed class YaraRuleSourceTests
{
    private const string Rule = "rule Fetched { condition: true }";

    [TearDown]
    public void TearDown() => YaraRuleSource.CertificateValidationForTests = null;

    [Test]
    public void Resolve_HttpsWithTrustedCertificate_ReturnsTheBody()
    {
        using var server = new LoopbackHttpsServer(Encoding.UTF8.GetBytes(Rule), declaredLength: null);
        YaraRuleSource.CertificateValidationForTests = (_, certificate, _, _) => certificate?.GetCertHashString() == server.Certificate.GetCertHashString();
        int error = YaraRuleSource.Resolve(server.Url, CancellationToken.None, out string source, out string? message);
        Assert.That(error, Is.Zero, message);
        Assert.That(source, Is.EqualTo(Rule));
    }

    [Test]
    public void Resolve_HttpsWithUntrustedCertificate_FailsWithoutBody()
    {
        using var server = new LoopbackHttpsServer(Encoding.UTF8.GetBytes(Rule), declaredLength: null);
        int error = YaraRuleSource.Resolve(server.Url, CancellationToken.None, out string source, out string? message);
        Assert.That(error, Is.EqualTo(53), message);
        Assert.That(source, Is.Empty);
    }

    [Test]
    public void Resolve_HttpsOverSizeCap_Error223()
    {
        // Declared too large, and (second server) streamed past the cap without a length.
        using var declared = new LoopbackHttpsServer(Encoding.UTF8.GetBytes(Rule), declaredLength: YaraRuleSource.MaxRuleBytes + 1L);
        YaraRuleSource.CertificateValidationForTests = (_, _, _, _) => true;
        Assert.That(YaraRuleSource.Resolve(declared.Url, CancellationToken.None, out _, out string? message), Is.EqualTo(223), message);

        using var streamed = new LoopbackHttpsServer(new byte[YaraRuleSource.MaxRuleBytes + 4096], declaredLength: -1);
        Assert.That(YaraRuleSource.Resolve(streamed.Url, CancellationToken.None, out _, out message), Is.EqualTo(223), message);
    }

    /// <summary>Answers one GET with the body given, over TLS with a fresh self-signed certificate.</summary>
    private sealed class LoopbackHttpsServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Thread _thread;

        public LoopbackHttpsServer(byte[] body, long? declaredLength)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            Certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            _listener.Start();
            _thread = new Thread(() => Serve(body, declaredLength)) { IsBackground = true };
            _thread.Start();
        }

        public X509Certificate2 Certificate { get; }

        public string Url => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/rules.yar";

        public void Dispose()
        {
            _listener.Stop();
            Certificate.Dispose();
        }

        private void Serve(byte[] body, long? declaredLength)
        {
            try
            {
                using TcpClient client = _listener.AcceptTcpClient();
                using var tls = new SslStream(client.GetStream());
                tls.AuthenticateAsServer(Certificate);
                var reader = new StreamReader(tls, Encoding.ASCII);
                while (reader.ReadLine() is { Length: > 0 })
                {
                }

                string length = declaredLength switch
                {
                    null => $"Content-Length: {body.Length}\r\n",
                    -1 => "",
                    long n => $"Content-Length: {n}\r\n",
                };
                tls.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{length}Connection: close\r\n\r\n"));
                tls.Write(body);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The client gave up (untrusted certificate, cap reached): that is what some tests expect.
            }
        }
    }
}
