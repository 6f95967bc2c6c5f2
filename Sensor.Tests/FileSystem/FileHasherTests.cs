using System.Security.Cryptography;
using System.Text;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Tests.Support;

namespace Sensor.Tests.FileSystem;

/// <summary>Every read mode gives the same hash as sha256sum, and a cancelled read-ahead ends without a hash.</summary>
[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileHasherTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = CommandHarness.TempDirectory("hasher");

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_dir);

    [TestCase(HashReadMode.Advised, (17 * 1024 * 1024) + 3)]
    [TestCase(HashReadMode.ReadAhead, (17 * 1024 * 1024) + 3)]
    [TestCase(HashReadMode.ReadAhead, 32 * 1024 * 1024)]
    [TestCase(HashReadMode.Plain, (2 * 1024 * 1024) + 5)]
    [TestCase(HashReadMode.Plain, 100)]
    public void HashFile_EveryMode_MatchesSha256sum(HashReadMode mode, int size)
    {
        string path = Path.Combine(_dir, "data.bin");
        byte[] content = new byte[size];
        new Random(size).NextBytes(content);
        File.WriteAllBytes(path, content);

        byte[] hash = new byte[32];
        int error = FileHasher.HashFile(Encoding.UTF8.GetBytes(path), hash, out FileStatus status, mode: mode);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.EqualTo(ErrorCodes.Success));
            Assert.That(status.Size, Is.EqualTo(size));
            Assert.That(Convert.ToHexStringLower(hash), Is.EqualTo(CommandHarness.Tool("sha256sum", path).Split(' ')[0]));
        });
    }

    [Test]
    public void HashFile_ReadAheadCancelled_ThrowsAndCanRunAgain()
    {
        string path = Path.Combine(_dir, "big.bin");
        File.WriteAllBytes(path, new byte[24 * 1024 * 1024]);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        byte[] hash = new byte[32];
        Assert.Throws<OperationCanceledException>(() => FileHasher.HashFile(Encoding.UTF8.GetBytes(path), hash, out _, cancellation: cancel.Token, mode: HashReadMode.ReadAhead));

        // The helper thread was given back: the next read-ahead hash works.
        Assert.That(FileHasher.HashFile(Encoding.UTF8.GetBytes(path), hash, out _, mode: HashReadMode.ReadAhead), Is.EqualTo(ErrorCodes.Success));
        Assert.That(hash, Is.EqualTo(SHA256.HashData(new byte[24 * 1024 * 1024])));
    }
}
