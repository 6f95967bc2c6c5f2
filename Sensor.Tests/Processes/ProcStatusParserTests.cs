using Sensor.Platform.Linux.Procfs;

namespace Sensor.Tests.Processes;

public sealed class ProcStatusParserTests
{
    [Test]
    public void Parse_InitSample_ReadsUidThreadsParent()
    {
        ProcStatus status = ProcStatusParser.Parse(Samples.Read("status-init.txt"));
        Assert.Multiple(() =>
        {
            Assert.That(status.ParentProcessId, Is.Zero);
            Assert.That(status.RealUserId, Is.Zero);
            Assert.That(status.EffectiveUserId, Is.Zero);
            Assert.That(status.Threads, Is.EqualTo(16));
            Assert.That(status.ResidentKilobytes, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Parse_NonRootUid_ReadsRealAndEffective()
    {
        ProcStatus status = ProcStatusParser.Parse("Name:\tx\nPPid:\t7\nUid:\t1000\t0\t0\t0\nThreads:\t2\n"u8);
        Assert.Multiple(() =>
        {
            Assert.That(status.ParentProcessId, Is.EqualTo(7));
            Assert.That(status.RealUserId, Is.EqualTo(1000));
            Assert.That(status.EffectiveUserId, Is.Zero);
            Assert.That(status.Threads, Is.EqualTo(2));
            Assert.That(status.ResidentKilobytes, Is.EqualTo(-1));
        });
    }
}
