using Sensor.Platform;
using Sensor.Platform.Linux;

namespace Sensor.Tests.Platform.Linux;

public sealed class LinuxHostServiceTests
{
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    [TestCase("LoadState=loaded\nActiveState=active\n", ServiceRunState.Running)]
    [TestCase("LoadState=loaded\nActiveState=activating\n", ServiceRunState.Starting)]
    [TestCase("LoadState=loaded\nActiveState=deactivating\n", ServiceRunState.Stopping)]
    [TestCase("LoadState=loaded\nActiveState=failed\n", ServiceRunState.Failed)]
    [TestCase("LoadState=loaded\nActiveState=inactive\n", ServiceRunState.Stopped)]
    [TestCase("LoadState=not-found\nActiveState=inactive\n", ServiceRunState.NotInstalled)]
    [TestCase("LoadState=masked\nActiveState=inactive\n", ServiceRunState.NotInstalled)]
    [TestCase("", ServiceRunState.Unknown)]
    public void ParseShowOutput_SystemctlShow_MapsToRunState(string output, ServiceRunState expected) =>
        Assert.That(LinuxHost.ParseShowOutput(output), Is.EqualTo(expected));

    [Test]
    public void Template_EmbeddedUnit_IsThePackagedFile() =>
        Assert.That(SystemdUnit.Template, Is.EqualTo(File.ReadAllText(RepositoryFile("packaging/linux/sensor.service"))));

    [Test]
    public void Render_DefaultPaths_IsThePackagedUnit() =>
        Assert.That(SystemdUnit.Render(new ServiceInstallation("/usr/sbin/sensor", "/etc/sensor/sensor.json", "/var/lib/sensor")),
            Is.EqualTo(SystemdUnit.Template));

    [Test]
    public void Render_OtherPaths_ReplacesExecStartAndCondition()
    {
        string unit = SystemdUnit.Render(new ServiceInstallation("/opt/sensor/bin/sensor", "/opt/sensor/etc/sensor.json", "/opt/sensor/state"));
        Assert.That(unit, Does.Contain("\nExecStart=/opt/sensor/bin/sensor run --config /opt/sensor/etc/sensor.json\n"));
        Assert.That(unit, Does.Contain("\nConditionPathExists=/opt/sensor/etc/sensor.json\n"));
        Assert.That(unit, Does.Not.Contain("/usr/sbin/sensor"));
    }

    [TestCase("/opt/my sensor/sensor")]
    [TestCase("/opt/sensor/%n")]
    [TestCase("/opt/$HOME/sensor")]
    [TestCase("relative/sensor")]
    [TestCase("/opt/../usr/sensor")]
    [TestCase("/opt/sensor\n[Service]")]
    public void Render_PathSystemdWouldInterpret_Throws(string binary)
    {
        var e = Assert.Throws<ServiceOperationException>(() => SystemdUnit.Render(new ServiceInstallation(binary, "/etc/sensor/sensor.json", "/var/lib/sensor")));
        Assert.That(e!.Message, Does.Contain("binary path"));
    }

    [Test]
    [Platform("Linux")]
    public void ServiceName_IsTheUnitFileName() => Assert.That(LinuxHost.ServiceName + ".service", Is.EqualTo(SystemdUnit.FileName));
}
