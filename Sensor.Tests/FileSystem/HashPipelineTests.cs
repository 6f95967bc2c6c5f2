using System.Security.Cryptography;
using System.Text;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Tests.Support;

namespace Sensor.Tests.FileSystem;

[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HashPipelineTests
{
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = CommandHarness.TempDirectory("pipeline");

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_root);

    [Test]
    public void Complete_KeepFilter_OnlyKeptResultsWithSha256sumHashes()
    {
        var paths = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            string path = Path.Combine(_root, $"f{i}");
            File.WriteAllText(path, $"content {i % 7}");
            paths.Add(path);
        }

        byte[] wanted = SHA256.HashData("content 3"u8);
        var pipeline = new HashPipeline(4, (error, hash) => error == ErrorCodes.Success && hash.AsSpan().SequenceEqual(wanted), CancellationToken.None);
        foreach (string path in paths)
        {
            pipeline.Add(Encoding.UTF8.GetBytes(path));
        }

        pipeline.Add(Encoding.UTF8.GetBytes(Path.Combine(_root, "missing")));
        List<HashedFile> kept = pipeline.Complete();
        string[] expected = paths.Where((_, i) => i % 7 == 3).Order(StringComparer.Ordinal).ToArray();
        string sha256sum = CommandHarness.Tool("sha256sum", expected[0]).Split(' ')[0];
        Assert.Multiple(() =>
        {
            Assert.That(kept.Select(r => Encoding.UTF8.GetString(r.Path)).Order(StringComparer.Ordinal), Is.EqualTo(expected));
            Assert.That(kept.All(r => Convert.ToHexStringLower(r.Hash) == sha256sum), Is.True);
            Assert.That(pipeline.Hashed, Is.EqualTo(301));
        });
    }

    [Test]
    public void Complete_NothingAdded_NoWorkers()
    {
        var pipeline = new HashPipeline(16, null, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Complete(), Is.Empty);
            Assert.That(pipeline.Hashed, Is.Zero);
        });
    }

    [Test]
    public void Complete_Cancelled_ThrowsAfterWorkersStopped()
    {
        string path = Path.Combine(_root, "big");
        File.WriteAllBytes(path, new byte[4 << 20]);
        using var cancel = new CancellationTokenSource();
        var pipeline = new HashPipeline(2, null, cancel.Token);
        for (int i = 0; i < 50; i++)
        {
            pipeline.Add(Encoding.UTF8.GetBytes(path));
        }

        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => pipeline.Complete());
    }
}
