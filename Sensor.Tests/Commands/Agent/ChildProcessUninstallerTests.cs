using Sensor.Platform;
using Sensor.Runtime;

namespace Sensor.Tests.Commands.Agent;

[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ChildProcessUninstallerTests
{
    [Test]
    public async Task StartUninstall_RealChild_GetsExactlyTheUninstallVerbAsItsArgumentVector()
    {
        string root = Directory.CreateTempSubdirectory("sensor-uninstaller-").FullName;
        try
        {
            // A stand-in for the sensor binary that records its argument vector, one argument a line.
            string record = Path.Combine(root, "argv");
            string binary = Path.Combine(root, "fake sensor");
            File.WriteAllText(binary, $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{record}.tmp' && mv '{record}.tmp' '{record}'\n");
            File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            int error = new ChildProcessUninstaller(binary).StartUninstall(out string message);

            Assert.That(error, Is.EqualTo(ErrorCodes.Success), message);
            await Support.ChannelTestBed.WaitUntilAsync(() => File.Exists(record), "the child's record of its arguments");
            Assert.That(File.ReadAllLines(record), Is.EqualTo(new[] { "uninstall" }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void StartUninstall_BinaryMissing_AccessDeniedWithMessage()
    {
        int error = new ChildProcessUninstaller("/nonexistent/sensor").StartUninstall(out string message);

        Assert.That(error, Is.Not.EqualTo(ErrorCodes.Success));
        Assert.That(message, Does.Contain("/nonexistent/sensor"));
    }
}
