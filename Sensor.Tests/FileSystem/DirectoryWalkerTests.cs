using System.Text;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Tests.Support;

namespace Sensor.Tests.FileSystem;

/// <summary>
/// The walk on one thread and shared with helper threads must find what <c>find</c> finds, deliver every match on
/// the calling thread with its status, and stop when the visitor says so.
/// </summary>
[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DirectoryWalkerTests
{
    private string _root = "";

    [OneTimeSetUp]
    public void SetUp()
    {
        _root = CommandHarness.TempDirectory("walker");
        // 6 x 8 directories of 30 files: enough directories for helpers to take some.
        for (int d = 0; d < 6; d++)
        {
            for (int s = 0; s < 8; s++)
            {
                string dir = Path.Combine(_root, $"d{d}", $"s{s}");
                Directory.CreateDirectory(dir);
                for (int f = 0; f < 30; f++)
                {
                    File.WriteAllText(Path.Combine(dir, $"f{f}.{(f % 3 == 0 ? "dll" : "txt")}"), new string('x', f));
                }
            }
        }

        File.CreateSymbolicLink(Path.Combine(_root, "d0", "loop.dll"), _root);
    }

    [OneTimeTearDown]
    public void TearDown() => CommandHarness.DeleteTree(_root);

    [TestCase(1, "*.dll", 10)]
    [TestCase(2, "*.dll", 10)]
    [TestCase(3, "*", 10)]
    [TestCase(2, "*", 2)]
    [TestCase(2, "f1?.txt", 3)]
    public void Walk_Threads_SameAsFind(int threads, string pattern, int depth)
    {
        var walker = new DirectoryWalker(depth, Encoding.UTF8.GetBytes(pattern)) { Threads = threads, StatMatches = true };
        var collector = new Collector(Environment.CurrentManagedThreadId);
        int error = walker.Walk(Encoding.UTF8.GetBytes(_root), ref collector);

        string[] expected = CommandHarness.Tool("find", _root, "-mindepth", "1", "-maxdepth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "-name", pattern)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.EqualTo(ErrorCodes.Success));
            Assert.That(collector.Paths.Order(StringComparer.Ordinal), Is.EqualTo(expected));
            Assert.That(collector.OtherThread, Is.False, "the visitor runs on the calling thread only");
            Assert.That(collector.WithoutStatus, Is.Zero, "StatMatches gives every match its status");
            Assert.That(collector.WrongSize, Is.Zero, "the status is the entry's own");
            Assert.That(walker.Vanished + walker.Unreadable, Is.Zero);
        });
    }

    [Test]
    public void Walk_Threads_ReadsEveryDirectoryOnce()
    {
        var one = new DirectoryWalker(10, "*"u8) { Threads = 1 };
        var two = new DirectoryWalker(10, "*"u8) { Threads = 2 };
        var a = new Collector(Environment.CurrentManagedThreadId);
        var b = new Collector(Environment.CurrentManagedThreadId);
        one.Walk(Encoding.UTF8.GetBytes(_root), ref a);
        two.Walk(Encoding.UTF8.GetBytes(_root), ref b);
        Assert.Multiple(() =>
        {
            Assert.That(two.DirectoriesRead, Is.EqualTo(one.DirectoriesRead));
            Assert.That(b.Paths, Has.Count.EqualTo(a.Paths.Count));
        });
    }

    [Test]
    public void Walk_SharedManyTimes_NoMatchLostOrRepeated()
    {
        // Races between the helpers' hand-over and the end of the walk would lose or repeat matches now and then.
        int expected = CommandHarness.Tool("find", _root, "-mindepth", "1", "-name", "*.dll").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var walker = new DirectoryWalker(10, "*.dll"u8) { Threads = 3, StatMatches = true };
        for (int i = 0; i < 50; i++)
        {
            var collector = new Collector(Environment.CurrentManagedThreadId);
            walker.Walk(Encoding.UTF8.GetBytes(_root), ref collector);
            Assert.That(collector.Paths.Distinct().Count(), Is.EqualTo(expected), $"walk {i}: distinct");
            Assert.That(collector.Paths, Has.Count.EqualTo(expected), $"walk {i}: all");
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Walk_VisitorStops_NoMoreMatches(int threads)
    {
        var walker = new DirectoryWalker(10, "*"u8) { Threads = threads, StatMatches = true };
        var stopper = new Stopper { Limit = 25 };
        int error = walker.Walk(Encoding.UTF8.GetBytes(_root), ref stopper);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.EqualTo(ErrorCodes.Success));
            Assert.That(stopper.Seen, Is.EqualTo(25));
        });
    }

    [Test]
    public void Walk_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var walker = new DirectoryWalker(10, "*"u8) { Threads = 2, Cancellation = cancel.Token };
        var collector = new Collector(Environment.CurrentManagedThreadId);
        Assert.Throws<OperationCanceledException>(() => walker.Walk(Encoding.UTF8.GetBytes(_root), ref collector));
    }

    [Test]
    public void Walk_MissingRoot_ReturnsItsError()
    {
        var walker = new DirectoryWalker(10, "*"u8) { Threads = 2 };
        var collector = new Collector(Environment.CurrentManagedThreadId);
        Assert.That(walker.Walk(Encoding.UTF8.GetBytes(Path.Combine(_root, "missing")), ref collector), Is.EqualTo(ErrorCodes.FileNotFound));
    }

    private struct Collector(int threadId) : IWalkVisitor
    {
        public readonly List<string> Paths = [];
        public bool OtherThread;
        public int WithoutStatus;
        public int WrongSize;

        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            OtherThread |= Environment.CurrentManagedThreadId != threadId;
            string text = Encoding.UTF8.GetString(path);
            Paths.Add(text);
            if (!entry.HasStatus)
            {
                WithoutStatus++;
            }
            else if (entry.Kind == DirectoryEntryKind.File && entry.Status.Size != new FileInfo(text).Length)
            {
                WrongSize++;
            }

            return true;
        }
    }

    private struct Stopper : IWalkVisitor
    {
        public int Limit;
        public int Seen;

        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry) => ++Seen < Limit;
    }
}
