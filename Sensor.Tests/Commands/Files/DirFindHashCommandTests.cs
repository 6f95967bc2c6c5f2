using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Files;

[Platform("Linux")]
public sealed class DirFindHashCommandTests
{
    private string _root = "";

    [SetUp]
    public void SetUp()
    {
        _root = CommandHarness.TempDirectory("find-hash");
        var random = new Random(3);
        for (int d = 0; d < 4; d++)
        {
            string dir = Path.Combine(_root, "d" + d, "e" + d);
            Directory.CreateDirectory(dir);
            for (int f = 0; f < 30; f++)
            {
                byte[] content = new byte[random.Next(0, 300_000)];
                random.NextBytes(content);
                File.WriteAllBytes(Path.Combine(f % 2 == 0 ? dir : Path.GetDirectoryName(dir)!, $"f{f}.{(f % 3 == 0 ? "exe" : "dat")}"), content);
            }
        }

        // Two copies of the same content in different places, one outside the depth limit.
        File.WriteAllText(Path.Combine(_root, "d0", "twin.exe"), "needle");
        File.WriteAllText(Path.Combine(_root, "d1", "e1", "twin.exe"), "needle");
    }

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_root);

    [TestCase(2)]
    [TestCase(3)]
    public void Execute_HashesOfSomeFiles_ListsExactlyTheMatchesFindAndSha256sumSee(int depth)
    {
        string[] all = CommandHarness.Tool("find", _root, "-mindepth", "1", "-maxdepth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "-type", "f", "-name", "*.exe")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sums = all.ToDictionary(f => f, f => CommandHarness.Tool("sha256sum", f).Split(' ')[0]);
        string[] wanted = [sums.Values.First(), sums[Path.Combine(_root, "d0", "twin.exe")]];
        string[] expected = sums.Where(kv => wanted.Contains(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();

        JsonElement ev = CommandHarness.RunSingle("dir_find_hash", "-d", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hash", wanted[0], "--hash", wanted[1].ToUpperInvariant(), _root, "*.exe");

        JsonElement[] listed = ev.GetProperty("DIRECTORY_LIST").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(listed.Select(e => e.GetProperty("FILE_PATH").GetString()).Order(StringComparer.Ordinal), Is.EqualTo(expected));
            Assert.That(listed.Select(e => e.GetProperty("HASH").GetString()), Is.All.AnyOf(wanted));
            Assert.That(ev.GetProperty("HASH").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Execute_MissingHashOption_Error87()
    {
        JsonElement ev = CommandHarness.RunSingle("dir_find_hash", _root, "*");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
            Assert.That(ev.GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("--hash"));
        });
    }

    [Test]
    public void Execute_MalformedHash_Error87()
    {
        JsonElement ev = CommandHarness.RunSingle("dir_find_hash", "--hash", "xyz", _root, "*");
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }
}
