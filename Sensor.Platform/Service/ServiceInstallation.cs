namespace Sensor.Platform;

/// <summary>Where an installed sensor's files live; the host's defaults unless the installer was told otherwise.</summary>
/// <param name="BinaryPath">the sensor executable the service starts.</param>
/// <param name="ConfigPath">the configuration file passed to <c>sensor run --config</c>.</param>
/// <param name="StateDirectory">identity, queue and rules; removed by a purge.</param>
public sealed record ServiceInstallation(string BinaryPath, string ConfigPath, string StateDirectory);
