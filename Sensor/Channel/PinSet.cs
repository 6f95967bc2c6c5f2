using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sensor.Channel;

/// <summary>The keys the sensor trusts for its server: a primary pin and an optional backup (for key rotation).</summary>
public sealed class PinSet
{
    public PinSet(SpkiPin primary, SpkiPin? backup = null)
    {
        Primary = primary;
        Backup = backup;
    }

    public SpkiPin Primary { get; }
    public SpkiPin? Backup { get; }

    public bool Matches(X509Certificate2 certificate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo(), hash);
        return Primary.Matches(hash) || (Backup is { } backup && backup.Matches(hash));
    }
}
