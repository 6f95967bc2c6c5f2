using System.Diagnostics;
using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Files;

[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileHashCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = CommandHarness.TempDirectory("file-hash");

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_dir);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1024 * 1024 - 1)]
    [TestCase(1024 * 1024)]
    [TestCase((3 * 1024 * 1024) + 17)]
    [TestCase(16 * 1024 * 1024)]
    [TestCase((16 * 1024 * 1024) + 1)]
    [TestCase((21 * 1024 * 1024) + 12345)]
    public void Execute_RegularFile_MatchesSha256sum(int size)
    {
        string file = Path.Combine(_dir, "data.bin");
        byte[] content = new byte[size];
        new Random(size).NextBytes(content);
        File.WriteAllBytes(file, content);

        JsonElement ev = CommandHarness.RunSingle("file_hash", file);

        string expected = CommandHarness.Tool("sha256sum", file).Split(' ')[0];
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(ev.GetProperty("FILE_PATH").GetString(), Is.EqualTo(file));
            Assert.That(ev.GetProperty("HASH").GetString(), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Execute_MissingFile_Error2WithoutHash()
    {
        JsonElement ev = CommandHarness.RunSingle("file_hash", Path.Combine(_dir, "missing"));
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(2));
            Assert.That(ev.TryGetProperty("HASH", out _), Is.False);
        });
    }

    [Test]
    public void Execute_Directory_Error267()
    {
        JsonElement ev = CommandHarness.RunSingle("file_hash", _dir);
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(267));
    }

    [Test]
    public void Execute_Fifo_AnswersWithoutBlocking()
    {
        string fifo = Path.Combine(_dir, "pipe");
        CommandHarness.Tool("mkfifo", fifo);
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => CommandHarness.RunSingle("file_hash", fifo));
        Assert.That(task.Wait(TimeSpan.FromSeconds(10)), Is.True, "file_hash of a FIFO must not wait for a writer");
        Assert.Multiple(() =>
        {
            Assert.That(task.Result.GetProperty("ERROR").GetInt32(), Is.EqualTo(1));
            Assert.That(task.Result.TryGetProperty("HASH", out _), Is.False);
        });
    }

    [Test]
    public void Execute_ProcSelfMem_ReadErrorNeverEmptyHash()
    {
        JsonElement ev = CommandHarness.RunSingle("file_hash", "/proc/self/mem");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Not.Zero);
            Assert.That(ev.TryGetProperty("HASH", out _), Is.False, "a file that cannot be read has no hash");
        });
    }

    [Test]
    public void Execute_PseudoFileWithZeroSize_HashesItsContent()
    {
        // /proc/self/cmdline reports size 0 but has content: the hash must not be the empty-input hash.
        JsonElement ev = CommandHarness.RunSingle("file_hash", "/proc/self/cmdline");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(ev.GetProperty("HASH").GetString(), Is.Not.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        });
    }

    [Test]
    public void Execute_UnreadableAsUnprivilegedUser_Error5()
    {
        if (!CommandHarness.IsRoot)
        {
            Assert.Ignore("needs root to switch to an unprivileged user");
        }

        string file = Path.Combine(_dir, "secret");
        File.WriteAllText(file, "secret");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        string output = SensorProcess.RunAsNobody("exec", "file_hash", file);
        using var document = JsonDocument.Parse(output);
        Assert.That(document.RootElement.GetProperty("event").GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
    }
}
