using Sensor.Channel;

namespace Sensor.Agent;

/// <summary>What <see cref="ServerProbe"/> saw of the server: times, the presented certificate and key, the pin it matches.</summary>
public sealed record ServerProbeResult
{
    public bool Connected { get; init; }
    public double ConnectMs { get; init; }
    public double HandshakeMs { get; init; }
    public string? Protocol { get; init; }
    public string? Subject { get; init; }
    public string? Issuer { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>SHA-256 of the whole certificate, hex.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>The pin of the presented key (<c>sha256/BASE64</c> of its SubjectPublicKeyInfo).</summary>
    public SpkiPin? PresentedPin { get; init; }

    /// <summary><c>primary</c>, <c>backup</c> or <c>none</c>; null when no certificate was presented.</summary>
    public string? PinMatch { get; init; }
    public bool NameMatches { get; init; }

    /// <summary>Why the sensor could not use this server (connect failure, no pin match, name mismatch); null when it could.</summary>
    public string? Error { get; init; }
}
