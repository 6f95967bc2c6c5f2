using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("put", 40, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Upload a payload to an endpoint without executing it.")]
public sealed partial class PutCommand
{
    [Option("--payload-name", Meta = "NAME", Required = true, Help = "name of the payload to run")]
    public string PayloadName { get; set; } = "";

    [Option("--payload-path", Meta = "PATH", Help = "full path where to put the payload (including file name)")]
    public string? PayloadPath { get; set; }

    [Option("--is-ignore-cert", Help = "if specified, the sensor will ignore SSL cert mismatch")]
    public bool IsIgnoreCert { get; set; }
}
