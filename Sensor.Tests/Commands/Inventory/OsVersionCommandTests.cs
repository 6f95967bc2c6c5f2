using System.Text.Json;
using Sensor.Commands.Inventory;
using Sensor.Platform.Linux.Inventory;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Inventory;

[Platform("Linux")]
public sealed class OsVersionCommandTests
{
    [Test]
    public void Execute_ThisHost_AgreesWithUnameAndOsRelease()
    {
        var (sink, context) = RecordingSink.Create();
        OsVersionCommand.Execute(new OsVersionCommand(), context);
        JsonElement ev = sink.Single();
        byte[] osRelease = File.ReadAllBytes(File.Exists("/etc/os-release") ? "/etc/os-release" : "/usr/lib/os-release");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(ev.GetProperty("KERNEL_VERSION").GetString(), Is.EqualTo(ToolOutput.Run("uname", "-r").Trim()));
            Assert.That(ev.GetProperty("ARCHITECTURE").GetString(), Is.EqualTo(ToolOutput.Run("uname", "-m").Trim()));
            Assert.That(ev.GetProperty("BUILD_NUMBER").GetString(), Is.EqualTo(ToolOutput.Run("uname", "-v").Trim()));
            Assert.That(ev.GetProperty("OS_NAME").GetString(), Is.EqualTo(OsReleaseParser.GetValue(osRelease, "NAME"u8)));
            Assert.That(ev.GetProperty("VERSION_STRING").GetString(), Is.Not.Empty);
        });
    }
}
