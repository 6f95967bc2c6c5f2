namespace Sensor.Server.Cli;

/// <summary>A failure the CLI reports as one line on standard error with exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
