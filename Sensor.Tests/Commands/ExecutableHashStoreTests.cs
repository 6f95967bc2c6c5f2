using System.Runtime.Versioning;
using Sensor.Commands.Processes;
using Sensor.Platform.Processes;
using Sensor.Runtime;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands;

public sealed class ExecutableHashStoreTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sensor-hashstore-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Format_ThenTryParse_RoundTrips()
    {
        KeyValuePair<ExecutableIdentity, byte[]>[] entries = [Entry(1), Entry(2), Entry(3)];
        var read = new List<(ExecutableIdentity, byte[])>();
        Assert.That(ExecutableHashStore.TryParse(ExecutableHashStore.Format(entries), (id, hash) => read.Add((id, hash))), Is.True);
        Assert.That(read.Select(r => r.Item1), Is.EqualTo(entries.Select(e => e.Key)));
        Assert.That(read.Select(r => r.Item2), Is.EqualTo(entries.Select(e => e.Value)));
    }

    [Test]
    public void TryParse_AnyByteChanged_RejectedWhole()
    {
        byte[] data = ExecutableHashStore.Format([Entry(1), Entry(2)]);
        for (int i = 0; i < data.Length; i++)
        {
            byte[] damaged = (byte[])data.Clone();
            damaged[i] ^= 0x40;
            int added = 0;
            Assert.That(ExecutableHashStore.TryParse(damaged, (_, _) => added++), Is.False, $"byte {i}");
            Assert.That(added, Is.Zero);
        }
    }

    [Test]
    public void TryParse_TruncatedOrEmpty_Rejected()
    {
        byte[] data = ExecutableHashStore.Format([Entry(1), Entry(2)]);
        Assert.That(ExecutableHashStore.TryParse(data.AsSpan(0, data.Length - 1), (_, _) => { }), Is.False);
        Assert.That(ExecutableHashStore.TryParse(data.AsSpan(0, data.Length - ExecutableHashStore.RecordSize), (_, _) => { }), Is.False);
        Assert.That(ExecutableHashStore.TryParse([], (_, _) => { }), Is.False);
    }

    [Test]
    public void Format_MoreThanMaxEntries_KeepsTheFirstMax()
    {
        var entries = Enumerable.Range(0, ExecutableHashStore.MaxEntries + 5).Select(i => Entry((ulong)i)).ToList();
        byte[] data = ExecutableHashStore.Format(entries);
        Assert.That(data, Has.Length.EqualTo(ExecutableHashStore.MaxFileSize));
        int count = 0;
        Assert.That(ExecutableHashStore.TryParse(data, (_, _) => count++), Is.True);
        Assert.That(count, Is.EqualTo(ExecutableHashStore.MaxEntries));
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public void SaveThenLoad_PrivateDirectory_SameEntries_FileIsOwnerOnly()
    {
        string state = PrivateDirectory("state");
        ExecutableHashStore.Save(state, [Entry(7), Entry(8)]);
        var read = new List<ExecutableIdentity>();
        ExecutableHashStore.Load(state, (id, _) => read.Add(id));
        Assert.That(read, Is.EqualTo(new[] { Entry(7).Key, Entry(8).Key }));
        Assert.That(File.GetUnixFileMode(Path.Combine(state, ExecutableHashStore.FileName)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Directory.GetFiles(state), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public void Load_DirectoryOthersCanWrite_IgnoresTheStore()
    {
        string state = PrivateDirectory("state");
        ExecutableHashStore.Save(state, [Entry(7)]);
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        int count = 0;
        ExecutableHashStore.Load(state, (_, _) => count++);
        Assert.That(count, Is.Zero, "anyone could have written that store");

        File.Delete(Path.Combine(state, ExecutableHashStore.FileName));
        ExecutableHashStore.Save(state, [Entry(7)]);
        Assert.That(File.Exists(Path.Combine(state, ExecutableHashStore.FileName)), Is.False, "nor is one written there");
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public void Save_NoStateDirectory_CreatesNothing()
    {
        string missing = Path.Combine(_dir, "missing");
        ExecutableHashStore.Save(missing, [Entry(7)]);
        Assert.That(Directory.Exists(missing), Is.False);
    }

    [Test]
    [Platform("Linux")]
    [SupportedOSPlatform("linux")]
    public void OsProcesses_NewProcessWithStore_HashesNothing_UntilTheFileIsChanged()
    {
        string saved = ProtectedPaths.StateDirectory;
        ProtectedPaths.StateDirectory = PrivateDirectory("state");
        try
        {
            using var child = new SecretChild();
            var (_, context) = RecordingSink.Create();
            ExecutableHashCache.Reset();
            OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid, IsNoModules = true }, context);
            Assert.That(File.Exists(Path.Combine(ProtectedPaths.StateDirectory, ExecutableHashStore.FileName)), Is.True);

            // A new sensor process (an empty cache in memory) finds the hash in the store.
            ExecutableHashCache.Reset();
            long hashed = ExecutableHashCache.HashesComputed;
            (RecordingSink sink, context) = RecordingSink.Create();
            OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid, IsNoModules = true }, context);
            Assert.That(ExecutableHashCache.HashesComputed, Is.EqualTo(hashed));
            Assert.That(Hash(sink), Is.EqualTo(Sha256Sum(SecretChild.BinaryPath)));

            // Rewritten with its size and modification time put back: only the change time says so, and it is hashed.
            File.SetLastWriteTimeUtc(SecretChild.BinaryPath, File.GetLastWriteTimeUtc(SecretChild.BinaryPath));
            ExecutableHashCache.Reset();
            (sink, context) = RecordingSink.Create();
            OsProcessesCommand.Execute(new OsProcessesCommand { Pid = child.Pid, IsNoModules = true }, context);
            Assert.That(ExecutableHashCache.HashesComputed, Is.EqualTo(hashed + 1));
            Assert.That(Hash(sink), Is.EqualTo(Sha256Sum(SecretChild.BinaryPath)));
        }
        finally
        {
            ProtectedPaths.StateDirectory = saved;
            ExecutableHashCache.Reset();
        }
    }

    private static string Hash(RecordingSink sink) =>
        sink.Events[0].RootElement.GetProperty("event").GetProperty("PROCESSES").EnumerateArray().Single().GetProperty("HASH").GetString()!;

    private static string Sha256Sum(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static KeyValuePair<ExecutableIdentity, byte[]> Entry(ulong n) =>
        new(new ExecutableIdentity(n, n * 3, (long)n * 100, (long)n * 1_000_000_007, ((long)n * 1_000_000_007) + 1), Enumerable.Repeat((byte)n, 32).ToArray());

    [SupportedOSPlatform("linux")]
    private string PrivateDirectory(string name)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
