using Sensor.Logging;

namespace Sensor.Tests.Logging;

public sealed class SensorLoggerTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sensor-log-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Log_SecretInMessage_RedactedEverywhere()
    {
        var stderr = new StringWriter();
        string path = Path.Combine(_dir, "sensor.log");
        using (var logger = new SensorLogger(stderr, useSystemLog: false))
        {
            logger.OpenFile(path, 1 << 20);
            logger.AddSecret("0a1b2c3d.supersecretkey");
            logger.AddSecret("short");
            logger.Error("handshake failed for key 0a1b2c3d.supersecretkey, short");
        }

        foreach (string text in new[] { stderr.ToString(), File.ReadAllText(path) })
        {
            Assert.That(text, Does.Contain("error: handshake failed for key [redacted], short"));
            Assert.That(text, Does.Not.Contain("supersecret"));
        }
    }

    [Test]
    [Platform("Linux")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void OpenFile_CreatesFileOwnerOnly()
    {
        string path = Path.Combine(_dir, "sensor.log");
        using var logger = new SensorLogger(TextWriter.Null, useSystemLog: false);
        logger.OpenFile(path, 1 << 20);
        logger.Info("x");
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void WriteLine_PastTheBound_RotatesOnceKeepingBothFilesUnderTheBound()
    {
        string path = Path.Combine(_dir, "sensor.log");
        const int Max = 64 * 1024;
        using (var file = new RotatingLogFile(path, Max))
        {
            for (int i = 0; i < 5000; i++)
            {
                Assert.That(file.WriteLine($"line {i:D6} " + new string('x', 80)), Is.Null);
            }
        }

        string[] current = File.ReadAllLines(path);
        string[] rotated = File.ReadAllLines(path + ".1");
        Assert.That(new FileInfo(path).Length, Is.LessThanOrEqualTo(Max));
        Assert.That(new FileInfo(path + ".1").Length, Is.LessThanOrEqualTo(Max));
        Assert.That(File.Exists(path + ".2"), Is.False, "one rotation is kept");
        Assert.That(current[^1], Does.StartWith("line 004999 "));
        Assert.That(int.Parse(current[0][5..11]), Is.EqualTo(int.Parse(rotated[^1][5..11]) + 1), "no line is lost between the two files");
    }

    [Test]
    public void WriteLine_DirectoryGone_ReportsTheErrorAndKeepsGoing()
    {
        string sub = Directory.CreateDirectory(Path.Combine(_dir, "sub")).FullName;
        using var file = new RotatingLogFile(Path.Combine(sub, "sensor.log"), 1 << 20);
        Directory.Delete(sub, recursive: true);
        Assert.That(file.WriteLine("a"), Is.Null, "the open file is still written");
        file.Dispose();
        Assert.That(file.WriteLine("b"), Is.Not.Null, "re-opening in a missing directory fails with a message");
    }

    [TestCase("64768:12345", true, 64768UL, 12345UL)]
    [TestCase("8:1", true, 8UL, 1UL)]
    [TestCase("", false, 0UL, 0UL)]
    [TestCase("8", false, 0UL, 0UL)]
    [TestCase("a:1", false, 0UL, 0UL)]
    [TestCase(":1", false, 0UL, 0UL)]
    public void TryParseJournalStream_Values(string value, bool ok, ulong device, ulong inode)
    {
        bool parsed = Sensor.Platform.Linux.LinuxHost.TryParseJournalStream(value, out ulong d, out ulong i);
        Assert.That(parsed, Is.EqualTo(ok));
        if (ok)
        {
            Assert.That((d, i), Is.EqualTo((device, inode)));
        }
    }
}
