using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sensor.Channel;

/// <summary>
/// The SHA-256 of a certificate's SubjectPublicKeyInfo: it names a key, not a certificate, so the server may renew
/// its certificate on the same key without touching the sensors. Written <c>sha256/BASE64</c> (as in HPKP).
/// </summary>
public readonly struct SpkiPin : IEquatable<SpkiPin>
{
    private const string Prefix = "sha256/";
    private readonly byte[] _hash;

    private SpkiPin(byte[] hash) => _hash = hash;

    public ReadOnlySpan<byte> Hash => _hash;

    public static SpkiPin FromCertificate(X509Certificate2 certificate)
    {
        byte[] spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return new SpkiPin(SHA256.HashData(spki));
    }

    /// <summary>Parses <c>sha256/BASE64</c> (or bare base64 of 32 bytes); false with a reason otherwise.</summary>
    public static bool TryParse(string? text, out SpkiPin pin, out string error)
    {
        pin = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty pin";
            return false;
        }

        string value = text.Trim();
        if (value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            value = value[Prefix.Length..];
        }

        Span<byte> hash = stackalloc byte[48];
        if (!Convert.TryFromBase64String(value, hash, out int length) || length != SHA256.HashSizeInBytes)
        {
            error = $"pin '{text}' is not sha256/ followed by the base64 of 32 bytes";
            return false;
        }

        pin = new SpkiPin(hash[..length].ToArray());
        return true;
    }

    public bool Matches(ReadOnlySpan<byte> spkiHash) => _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, spkiHash);

    public bool Equals(SpkiPin other) => other._hash is not null && Matches(other._hash);

    public override bool Equals(object? obj) => obj is SpkiPin other && Equals(other);

    public override int GetHashCode() => _hash is null ? 0 : BitConverter.ToInt32(_hash, 0);

    public override string ToString() => _hash is null ? "" : Prefix + Convert.ToBase64String(_hash);
}
