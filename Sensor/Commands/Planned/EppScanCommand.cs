using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("epp_scan", 52, ReplyEvent = "EPP_SCAN_REP", Platforms = OsFamily.MacOS, Planned = true,
    Description = "Scan a directory or file using the EPP on the sensor.")]
public sealed partial class EppScanCommand
{
    [Positional("path", Help = "File or directory to scan")]
    public string Path { get; set; } = "";
}
