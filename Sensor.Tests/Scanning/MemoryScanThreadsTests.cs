using Sensor.Platform;
using Sensor.Scanning;

namespace Sensor.Tests.Scanning;

[NonParallelizable] // the configured count and the performance mode are process-wide
public sealed class MemoryScanThreadsTests
{
    [TestCase("1", 1)]
    [TestCase("2", 2)]
    [TestCase("16", 16)]
    [TestCase("0", null)]
    [TestCase("17", null)]
    [TestCase("-1", null)]
    [TestCase(" 2", null)]
    [TestCase("two", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void Parse_Text_CountOrNull(string? text, int? expected) => Assert.That(MemoryScanThreads.Parse(text), Is.EqualTo(expected));

    [Test]
    public void Automatic_TwoOrOnePerCore() =>
        Assert.That(MemoryScanThreads.Automatic, Is.EqualTo(Environment.ProcessorCount >= 2 ? 2 : 1));

    [Test]
    public void Current_PerformanceMode_OneThread()
    {
        int configured = MemoryScanThreads.Configured;
        try
        {
            MemoryScanThreads.Configured = 4;
            Assert.That(MemoryScanThreads.Current, Is.EqualTo(4));
            ScanThrottle.IsEnabled = true;
            Assert.That(MemoryScanThreads.Current, Is.EqualTo(1));
        }
        finally
        {
            ScanThrottle.IsEnabled = false;
            MemoryScanThreads.Configured = configured;
        }
    }
}
