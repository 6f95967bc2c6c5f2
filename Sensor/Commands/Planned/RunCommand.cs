using Sensor.Platform;

namespace Sensor.Commands.Planned;

/// <summary>Declared with the reference usage so tasks parse and list; not implemented in this build (ERROR 50).</summary>
[Command("run", 43, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS, Planned = true,
    Description = "Execute a payload or a shell command on the sensor.")]
public sealed partial class RunCommand
{
    [Option("--payload-name", Meta = "NAME", Help = "name of the payload to run")]
    public string? PayloadName { get; set; }

    [Option("--arguments", Meta = "ARGUMENTS", Help = "arguments to run the payload with")]
    public string? Arguments { get; set; }

    [Option("--shell-command", Meta = "SHELLCMD", Help = "shell command to run")]
    public string? ShellCommand { get; set; }

    [Option("--timeout", Meta = "TIMEOUT", Help = "number of seconds to wait for payload termination")]
    public int? Timeout { get; set; }

    [Option("--is-ignore-cert", Help = "if specified, the sensor will ignore SSL cert mismatch while upload the log")]
    public bool IsIgnoreCert { get; set; }

    [Option("--interpreter", Meta = "INTERPRETER", Help = "specifies that the named payload should be executed with a specific interpreter like \"powershell\"")]
    public string? Interpreter { get; set; }
}
