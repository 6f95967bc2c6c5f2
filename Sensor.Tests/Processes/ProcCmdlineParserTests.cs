using System.Text;
using Sensor.Platform.Linux.Procfs;

namespace Sensor.Tests.Processes;

public sealed class ProcCmdlineParserTests
{
    [Test]
    public void Format_NulSeparatedSample_JoinsWithSpacesAndDropsTerminators()
    {
        byte[] raw = Samples.Read("cmdline-python.bin");
        byte[] line = new byte[raw.Length];
        int n = ProcCmdlineParser.Format(raw, line);
        Assert.That(Encoding.UTF8.GetString(line, 0, n), Is.EqualTo("python3 -c print(\"a b\")"));
    }

    [Test]
    public void Format_Empty_GivesEmpty() => Assert.That(ProcCmdlineParser.Format(default, new byte[1]), Is.Zero);
}
