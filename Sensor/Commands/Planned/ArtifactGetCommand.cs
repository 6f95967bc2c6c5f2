using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("artifact_get", 1, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Retrieve an artifact from a Sensor.")]
public sealed partial class ArtifactGetCommand
{
    [Option("--file", Meta = "FILE", Help = "file path to get")]
    public string? File { get; set; }

    [Option("--source", Meta = "SOURCE", Help = "optional os specific artifact source (not currently supported)")]
    public string? Source { get; set; }

    [Option("--type", Meta = "TYPE", Help = "optional artifact type")]
    public string? Type { get; set; }

    [Option("--payload-id", Meta = "PAYLOADID", Help = "optional specifies an idempotent payload ID to use")]
    public string? PayloadId { get; set; }

    [Option("--days-retention", Meta = "RETENTION", Help = "number of days the data should be retained, default 30")]
    public int DaysRetention { get; set; } = 30;

    [Option("--is-ignore-cert", Help = "if specified, the sensor will ignore SSL cert mismatch while upload the artifact")]
    public bool IsIgnoreCert { get; set; }
}
