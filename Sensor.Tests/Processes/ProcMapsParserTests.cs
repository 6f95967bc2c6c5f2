using System.Text;
using Sensor.Platform.Linux.Procfs;

namespace Sensor.Tests.Processes;

public sealed class ProcMapsParserTests
{
    [Test]
    public void TryParseLine_CatSample_ParsesEveryLine()
    {
        ReadOnlySpan<byte> text = Samples.Read("maps-cat.txt");
        int lines = 0;
        int parsed = 0;
        ulong previousEnd = 0;
        while (ProcMapsParser.NextLine(ref text, out ReadOnlySpan<byte> line))
        {
            lines++;
            if (ProcMapsParser.TryParseLine(line, out MapsEntry e))
            {
                parsed++;
                Assert.That(e.Start, Is.GreaterThanOrEqualTo(previousEnd));
                Assert.That(e.End, Is.GreaterThan(e.Start));
                previousEnd = e.End;
            }
        }

        Assert.That(parsed, Is.EqualTo(lines));
        Assert.That(lines, Is.EqualTo(38));
    }

    [Test]
    public void TryParseLine_FirstCatLine_ReadsEveryField()
    {
        Assert.That(ProcMapsParser.TryParseLine("558a6e257000-558a6e25c000 r-xp 00002000 fe:00 247270                     /usr/bin/cat"u8, out MapsEntry e), Is.True);
        var fields = (e.Start, e.End, e.Read, e.Write, e.Execute, e.Shared, e.Offset, e.DeviceMajor, e.DeviceMinor, e.Inode, Encoding.UTF8.GetString(e.Path));
        Assert.That(fields, Is.EqualTo((0x558a6e257000UL, 0x558a6e25c000UL, true, false, true, false, 0x2000UL, 0xfeu, 0u, 247270UL, "/usr/bin/cat")));
    }

    [Test]
    public void TryParseLine_EdgeSample_KeepsSpacesDeletedSuffixAndPseudoNames()
    {
        ReadOnlySpan<byte> text = Samples.Read("maps-edge.txt");
        var paths = new List<string>();
        var shared = new List<bool>();
        int malformed = 0;
        while (ProcMapsParser.NextLine(ref text, out ReadOnlySpan<byte> line))
        {
            if (ProcMapsParser.TryParseLine(line, out MapsEntry e))
            {
                paths.Add(Encoding.UTF8.GetString(e.Path));
                shared.Add(e.Shared);
            }
            else
            {
                malformed++;
            }
        }

        Assert.That(paths, Is.EqualTo(new[] { "/usr/bin/dbus-daemon", "/dev/zero (deleted)", "/opt/my app/lib thing.so (deleted)", "[stack]", "[vsyscall]" }));
        Assert.That(shared, Is.EqualTo(new[] { false, true, false, false, false }));
        Assert.That(malformed, Is.EqualTo(1));
    }
}
