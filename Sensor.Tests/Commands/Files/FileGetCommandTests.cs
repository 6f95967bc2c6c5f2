using System.Globalization;
using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Files;

[Platform("Linux")]
public sealed class FileGetCommandTests
{
    private string _dir = "";
    private string _file = "";

    [SetUp]
    public void SetUp()
    {
        _dir = CommandHarness.TempDirectory("file-get");
        _file = Path.Combine(_dir, "data.bin");
        byte[] content = new byte[200_000];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(_file, content);
    }

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_dir);

    [TestCase(0, 100)]
    [TestCase(12345, 4096)]
    [TestCase(199_990, 100)]
    [TestCase(250_000, 10)]
    public void Execute_OffsetAndSize_MatchesDd(long offset, long size)
    {
        JsonElement ev = CommandHarness.RunSingle("file_get", "-o", offset.ToString(CultureInfo.InvariantCulture), "-s", size.ToString(CultureInfo.InvariantCulture), _file);
        string dd = Path.Combine(_dir, "dd.out");
        CommandHarness.Tool("dd", $"if={_file}", $"of={dd}", "bs=1", $"skip={offset}", $"count={size}", "status=none");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(Convert.FromBase64String(ev.GetProperty("FILE_CONTENT").GetString()!), Is.EqualTo(File.ReadAllBytes(dd)));
            Assert.That(ev.GetProperty("FILE_SIZE").GetInt64(), Is.EqualTo(200_000));
            Assert.That(ev.GetProperty("OFFSET").GetInt64(), Is.EqualTo(offset));
            Assert.That(ev.GetProperty("MAX_SIZE").GetInt64(), Is.EqualTo(size));
        });
    }

    [Test]
    public void Execute_WholeFile_ReturnsAllBytes()
    {
        JsonElement ev = CommandHarness.RunSingle("file_get", _file);
        Assert.That(Convert.FromBase64String(ev.GetProperty("FILE_CONTENT").GetString()!), Is.EqualTo(File.ReadAllBytes(_file)));
    }

    [Test]
    public void Execute_FileOverTenMegabytes_Error223WithFileSize()
    {
        string big = Path.Combine(_dir, "big.bin");
        using (FileStream stream = File.Create(big))
        {
            stream.SetLength((10 * 1024 * 1024) + 1);
        }

        JsonElement ev = CommandHarness.RunSingle("file_get", big);
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(223));
            Assert.That(ev.GetProperty("FILE_SIZE").GetInt64(), Is.EqualTo((10 * 1024 * 1024) + 1));
            Assert.That(ev.TryGetProperty("FILE_CONTENT", out _), Is.False);
        });
    }

    [Test]
    public void Execute_SizeOverLimit_Error223()
    {
        JsonElement ev = CommandHarness.RunSingle("file_get", "-s", "10485761", _file);
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(223));
    }

    [Test]
    public void Execute_SizeWithinLimitOfBigFile_ReturnsRequestedPart()
    {
        string big = Path.Combine(_dir, "big.bin");
        using (FileStream stream = File.Create(big))
        {
            stream.SetLength(20 * 1024 * 1024);
            stream.Position = 15 * 1024 * 1024;
            stream.Write("marker"u8);
        }

        JsonElement ev = CommandHarness.RunSingle("file_get", "-o", (15 * 1024 * 1024).ToString(CultureInfo.InvariantCulture), "-s", "6", big);
        Assert.That(Convert.FromBase64String(ev.GetProperty("FILE_CONTENT").GetString()!), Is.EqualTo("marker"u8.ToArray()));
    }

    [Test]
    public void Execute_NegativeOffset_Error87()
    {
        JsonElement ev = CommandHarness.RunSingle("file_get", "-o", "-5", _file);
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void Execute_ProcPseudoFile_ReadsContent()
    {
        JsonElement ev = CommandHarness.RunSingle("file_get", "/proc/self/status");
        string content = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(ev.GetProperty("FILE_CONTENT").GetString()!));
        Assert.That(content, Does.Contain("Pid:"));
    }
}
