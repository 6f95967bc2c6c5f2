namespace Sensor.Channel;

/// <summary>The server's answer to a hello. Wire values are frozen; append only.</summary>
public enum WelcomeStatus
{
    Accepted = 0,

    /// <summary>Unknown sid, wrong credential or revoked sensor: the sensor must not retry with the same identity soon.</summary>
    CredentialRefused = 1,

    /// <summary>Unknown or disabled installation key.</summary>
    InstallationKeyRefused = 2,

    UnsupportedVersion = 3,
}
