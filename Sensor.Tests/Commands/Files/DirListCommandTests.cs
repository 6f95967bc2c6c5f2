using System.Text;
using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Files;

[Platform("Linux")]
public sealed class DirListCommandTests
{
    private string _root = "";

    [SetUp]
    public void SetUp()
    {
        _root = CommandHarness.TempDirectory("dir-list");
        // Three levels, mixed extensions, a dotfile, a symlink to a directory (must not be followed) and a loop link.
        foreach (string dir in new[] { "a", "a/b", "a/b/c", "d", ".hidden" })
        {
            Directory.CreateDirectory(Path.Combine(_root, dir));
        }

        foreach (string file in new[] { "x.conf", "y.txt", ".dot.conf", "a/one.conf", "a/two.log", "a/b/three.conf", "a/b/c/four.conf", "d/five.cfg", ".hidden/six.conf", "a/b/c/q1.conf", "a/b/c/q22.conf" })
        {
            File.WriteAllText(Path.Combine(_root, file), file);
        }

        File.CreateSymbolicLink(Path.Combine(_root, "a", "up"), _root);
        File.CreateSymbolicLink(Path.Combine(_root, "link.conf"), Path.Combine(_root, "a"));
    }

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_root);

    [TestCase(1, "*")]
    [TestCase(2, "*.conf")]
    [TestCase(3, "*")]
    [TestCase(4, "*.conf")]
    [TestCase(10, "q?.conf")]
    [TestCase(10, "*o*")]
    [TestCase(2, "[nomatch")]
    public void Execute_WildcardAndDepth_MatchesFind(int depth, string pattern)
    {
        JsonElement ev = CommandHarness.RunSingle("dir_list", "-d", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), _root, pattern);

        // find's -name treats '[' as a bracket expression; ours is literal, so escape it for the comparison.
        string findPattern = pattern.Replace("[", "\\[", StringComparison.Ordinal);
        string[] expected = CommandHarness.Tool("find", _root, "-mindepth", "1", "-maxdepth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "-name", findPattern)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        string[] listed = ev.GetProperty("DIRECTORY_LIST").EnumerateArray().Select(e => e.GetProperty("FILE_PATH").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(listed, Is.EqualTo(expected));
            Assert.That(ev.GetProperty("DIRECTORY_LIST_COUNT").GetInt32(), Is.EqualTo(expected.Length));
            Assert.That(ev.GetProperty("DIRECTORY_PATH").GetString(), Is.EqualTo(_root));
            Assert.That(ev.GetProperty("FILE_PATH").GetString(), Is.EqualTo(pattern));
            Assert.That(ev.GetProperty("DIRECTORY_LIST_DEPTH").GetInt32(), Is.EqualTo(depth));
        });
    }

    [Test]
    public void Execute_DefaultDepth_ListsOneLevelWithStatFields()
    {
        JsonElement ev = CommandHarness.RunSingle("dir_list", _root, "x.conf");
        JsonElement entry = ev.GetProperty("DIRECTORY_LIST").EnumerateArray().Single();
        string[] stat = CommandHarness.Tool("stat", "-c", "%s %f %Y", Path.Combine(_root, "x.conf")).Trim().Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("FILE_NAME").GetString(), Is.EqualTo("x.conf"));
            Assert.That(entry.GetProperty("FILE_SIZE").GetInt64(), Is.EqualTo(long.Parse(stat[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(entry.GetProperty("ATTRIBUTES").GetInt64(), Is.EqualTo(Convert.ToInt64(stat[1], 16)));
            Assert.That(entry.GetProperty("MODIFICATION_TIME").GetInt64() / 1000, Is.EqualTo(long.Parse(stat[2], System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Execute_SymlinkLoop_TerminatesAndListsLinkItself()
    {
        JsonElement ev = CommandHarness.RunSingle("dir_list", "-d", "50", _root, "up");
        string[] listed = ev.GetProperty("DIRECTORY_LIST").EnumerateArray().Select(e => e.GetProperty("FILE_PATH").GetString()!).ToArray();
        Assert.That(listed, Is.EqualTo(new[] { Path.Combine(_root, "a", "up") }));
    }

    [Test]
    public void Execute_MissingRoot_Error2()
    {
        JsonElement ev = CommandHarness.RunSingle("dir_list", Path.Combine(_root, "nope"), "*");
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Execute_BadDepth_Error87NamingTheArgument()
    {
        JsonElement ev = CommandHarness.RunSingle("dir_list", "-d", "deep", _root, "*");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
            Assert.That(ev.GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("-d/--depth"));
        });
    }

    [Test]
    public void Execute_NamesWithNewlineAndInvalidUtf8_ListedWithOriginalBytes()
    {
        File.WriteAllText(Path.Combine(_root, "new\nline"), "n");
        // .NET strings cannot hold invalid UTF-8 names: python creates one from raw bytes.
        CommandHarness.Tool("python3", "-c", "import sys; open(sys.argv[1].encode() + b'/bad\\xff\\xfe.bin', 'wb').write(b'x')", _root);

        RecordingSink sink = CommandHarness.Run("dir_list", _root, "*");
        JsonElement ev = sink.Single();
        string[] names = ev.GetProperty("DIRECTORY_LIST").EnumerateArray().Select(e => e.GetProperty("FILE_NAME").GetString()!).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("new\nline"));
            Assert.That(names, Does.Contain("bad\uFFFD\uFFFD.bin"), "JSON shows invalid bytes as U+FFFD");
            Assert.That(IndexOf(sink.Raw[0], [(byte)'b', (byte)'a', (byte)'d', 0xff, 0xfe, (byte)'.']), Is.GreaterThan(0), "MessagePack keeps the raw bytes");
        });

        // And the listed name can be used again: hashing the raw path through the walker's bytes works.
        JsonElement hashed = CommandHarness.RunSingle("dir_find_hash", "--hash", new string('0', 64), _root, "bad*");
        Assert.That(hashed.GetProperty("ERROR_COUNT").GetInt32(), Is.Zero, "a non-UTF-8 name must be openable from the walk");
    }

    [Test]
    public void Execute_EntriesVanishMidWalk_Counted()
    {
        // A directory that disappears between being listed and being read is skipped and counted.
        string doomed = Path.Combine(_root, "doomed");
        Directory.CreateDirectory(doomed);
        for (int i = 0; i < 2000; i++)
        {
            File.WriteAllText(Path.Combine(doomed, "f" + i), "");
        }

        using var cts = new CancellationTokenSource();
        var remover = Task.Run(() =>
        {
            while (!cts.IsCancellationRequested)
            {
                try
                {
                    Directory.Delete(doomed, recursive: true);
                    Directory.CreateDirectory(doomed);
                    for (int i = 0; i < 200; i++)
                    {
                        File.WriteAllText(Path.Combine(doomed, "g" + i), "");
                    }
                }
                catch (IOException)
                {
                }
            }
        });
        for (int round = 0; round < 20; round++)
        {
            JsonElement ev = CommandHarness.RunSingle("dir_list", "-d", "3", _root, "*");
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        }

        cts.Cancel();
        remover.Wait();
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
