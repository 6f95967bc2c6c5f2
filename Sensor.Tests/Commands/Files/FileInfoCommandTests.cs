using System.Globalization;
using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Files;

[Platform("Linux")]
public sealed class FileInfoCommandTests
{
    [Test]
    public void Execute_ExistingFile_MatchesStat()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "twelve bytes");
            File.SetLastWriteTimeUtc(file, new DateTime(2021, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc));
            JsonElement ev = CommandHarness.RunSingle("file_info", file);
            string[] stat = CommandHarness.Tool("stat", "-c", "%s %f %.3Y %.3X", file).Trim().Split(' ');
            Assert.Multiple(() =>
            {
                Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
                Assert.That(ev.GetProperty("FILE_PATH").GetString(), Is.EqualTo(file));
                Assert.That(ev.GetProperty("FILE_SIZE").GetInt64(), Is.EqualTo(long.Parse(stat[0], CultureInfo.InvariantCulture)));
                Assert.That(ev.GetProperty("ATTRIBUTES").GetInt64(), Is.EqualTo(Convert.ToInt64(stat[1], 16)));
                Assert.That(ev.GetProperty("MODIFICATION_TIME").GetInt64(), Is.EqualTo((long)(decimal.Parse(stat[2], CultureInfo.InvariantCulture) * 1000)));
                Assert.That(ev.GetProperty("MODIFICATION_TIME").GetInt64(), Is.EqualTo(new DateTimeOffset(2021, 3, 4, 5, 6, 7, 890, TimeSpan.Zero).ToUnixTimeMilliseconds()));
                Assert.That(ev.GetProperty("ACCESS_TIME").GetInt64(), Is.EqualTo((long)(decimal.Parse(stat[3], CultureInfo.InvariantCulture) * 1000)));
                Assert.That(ev.GetProperty("CREATION_TIME").GetInt64(), Is.GreaterThan(0));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Execute_PathThroughFile_Error3()
    {
        JsonElement ev = CommandHarness.RunSingle("file_info", "/etc/passwd/nothing");
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void Execute_EmbeddedNul_RefusedAsInvalidName()
    {
        JsonElement ev = CommandHarness.RunSingle("file_info", "/etc/passwd\0/x");
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(123));
    }
}
