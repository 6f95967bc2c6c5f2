using System.Text;
using Sensor.Platform.Linux.Procfs;

namespace Sensor.Tests.Processes;

public sealed class ProcStatParserTests
{
    [Test]
    public void TryParse_InitSample_ReadsFields()
    {
        Assert.That(ProcStatParser.TryParse(Samples.Read("stat-init.txt"), out ProcStat stat, out ReadOnlySpan<byte> name), Is.True);
        string text = Encoding.UTF8.GetString(name);
        Assert.Multiple(() =>
        {
            Assert.That(stat.ProcessId, Is.EqualTo(1));
            Assert.That(text, Is.EqualTo("process_api"));
            Assert.That(stat.State, Is.EqualTo('S'));
            Assert.That(stat.ParentProcessId, Is.Zero);
            Assert.That(stat.Flags, Is.EqualTo(4194560u));
            Assert.That(stat.Threads, Is.EqualTo(16));
            Assert.That(stat.StartTime, Is.EqualTo(18UL));
            Assert.That(stat.VirtualSize, Is.EqualTo(47050752UL));
            Assert.That(stat.ResidentPages, Is.EqualTo(2826));
        });
    }

    [Test]
    public void TryParse_NameWithParenthesesAndSpaces_UsesLastParenthesis()
    {
        Assert.That(ProcStatParser.TryParse(Samples.Read("stat-oddname.txt"), out ProcStat stat, out ReadOnlySpan<byte> name), Is.True);
        string text = Encoding.UTF8.GetString(name);
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("a) b (c"));
            Assert.That(stat.ProcessId, Is.EqualTo(4242));
            Assert.That(stat.ParentProcessId, Is.EqualTo(17));
            Assert.That(stat.Threads, Is.EqualTo(3));
            Assert.That(stat.StartTime, Is.EqualTo(987654UL));
            Assert.That(stat.StartCode, Is.EqualTo(94000000000000UL));
        });
    }

    [TestCase("")]
    [TestCase("12 (x")]
    [TestCase("abc (x) S 1")]
    [TestCase("12 (x) S notanumber 1 1")]
    public void TryParse_Malformed_ReturnsFalse(string text) =>
        Assert.That(ProcStatParser.TryParse(Encoding.ASCII.GetBytes(text), out _, out _), Is.False);
}
