using Sensor.Platform.Linux;

namespace Sensor.Tests.Platform.Linux;

public sealed class ServiceCgroupParserTests
{
    private static byte[] Sample(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "Cgroup", name));

    [TestCase("v2-sensor-service.txt", true)]
    [TestCase("v2-sub-group.txt", true)]
    [TestCase("v1-sensor-service.txt", true)]
    [TestCase("v2-transient-uninstall.txt", false)]
    [TestCase("v2-login-session.txt", false)]
    [TestCase("v1-memory-only.txt", false)]
    [TestCase("v1-container.txt", false)]
    public void IsInsideUnit_Sample_TellsWhetherStoppingSensorServiceKillsUs(string sample, bool expected) =>
        Assert.That(ServiceCgroupParser.IsInsideUnit(Sample(sample), "sensor.service"u8), Is.EqualTo(expected));

    [Test]
    public void IsInsideUnit_UnitNameAsPrefixOfAnother_IsNotInside() =>
        Assert.That(ServiceCgroupParser.IsInsideUnit("0::/system.slice/sensor.service-extra\n"u8, "sensor.service"u8), Is.False);

    [Test]
    public void IsInsideUnit_EmptyOrMalformed_IsNotInside()
    {
        Assert.That(ServiceCgroupParser.IsInsideUnit(""u8, "sensor.service"u8), Is.False);
        Assert.That(ServiceCgroupParser.IsInsideUnit("garbage without colons\n"u8, "sensor.service"u8), Is.False);
    }

    [Test]
    [Platform("Linux")]
    public void IsInsideUnit_ThisProcess_AgreesWithProcSelfCgroup()
    {
        // The test runner is not started by sensor.service: whatever this machine's layout, it is not inside.
        Assert.That(ServiceCgroupParser.IsInsideUnit(File.ReadAllBytes("/proc/self/cgroup"), "sensor.service"u8), Is.False);
    }
}
