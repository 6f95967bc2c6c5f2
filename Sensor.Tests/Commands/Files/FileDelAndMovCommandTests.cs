using System.Text.Json;
using Sensor.Runtime;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Files;

[Platform("Linux")]
[NonParallelizable]
public sealed class FileDelAndMovCommandTests
{
    private string _dir = "";
    private string _savedState = "";

    [SetUp]
    public void SetUp()
    {
        _dir = CommandHarness.TempDirectory("file-del");
        _savedState = ProtectedPaths.StateDirectory;
        ProtectedPaths.StateDirectory = Path.Combine(_dir, "state");
        Directory.CreateDirectory(ProtectedPaths.StateDirectory);
    }

    [TearDown]
    public void TearDown()
    {
        ProtectedPaths.StateDirectory = _savedState;
        CommandHarness.DeleteTree(_dir);
    }

    [Test]
    public void FileDel_ExistingFile_Deleted()
    {
        string file = Path.Combine(_dir, "victim");
        File.WriteAllText(file, "x");
        JsonElement ev = CommandHarness.RunSingle("file_del", file);
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(ev.GetProperty("FILE_PATH").GetString(), Is.EqualTo(file));
            Assert.That(File.Exists(file), Is.False);
        });
    }

    [Test]
    public void FileDel_Missing_Error2()
    {
        Assert.That(CommandHarness.RunSingle("file_del", Path.Combine(_dir, "none")).GetProperty("ERROR").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void FileDel_Directory_Error267()
    {
        string sub = Path.Combine(_dir, "sub");
        Directory.CreateDirectory(sub);
        Assert.That(CommandHarness.RunSingle("file_del", sub).GetProperty("ERROR").GetInt32(), Is.EqualTo(267));
        Assert.That(Directory.Exists(sub), Is.True);
    }

    [TestCase("/")]
    [TestCase("/.")]
    [TestCase("//")]
    public void FileDel_Root_Refused(string root)
    {
        JsonElement ev = CommandHarness.RunSingle("file_del", root);
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public void FileDel_InsideStateDirectory_RefusedAndKept()
    {
        string identity = Path.Combine(ProtectedPaths.StateDirectory, "identity.json");
        File.WriteAllText(identity, "{}");
        string viaLink = Path.Combine(_dir, "link");
        Directory.CreateSymbolicLink(viaLink, ProtectedPaths.StateDirectory);

        JsonElement direct = CommandHarness.RunSingle("file_del", identity);
        JsonElement linked = CommandHarness.RunSingle("file_del", Path.Combine(viaLink, "identity.json"));
        JsonElement dotted = CommandHarness.RunSingle("file_del", Path.Combine(ProtectedPaths.StateDirectory, "..", "state", "identity.json"));
        Assert.Multiple(() =>
        {
            Assert.That(direct.GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
            Assert.That(linked.GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
            Assert.That(dotted.GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
            Assert.That(File.Exists(identity), Is.True);
        });
    }

    [Test]
    public void FileMov_Rename_MovesContent()
    {
        string from = Path.Combine(_dir, "from");
        string to = Path.Combine(_dir, "to");
        File.WriteAllText(from, "payload");
        JsonElement ev = CommandHarness.RunSingle("file_mov", from, to);
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(ev.GetProperty("SOURCE").GetString(), Is.EqualTo(from));
            Assert.That(ev.GetProperty("DESTINATION").GetString(), Is.EqualTo(to));
            Assert.That(File.Exists(from), Is.False);
            Assert.That(File.ReadAllText(to), Is.EqualTo("payload"));
        });
    }

    [Test]
    public void FileMov_OntoStateDirectory_Refused()
    {
        string from = Path.Combine(_dir, "from");
        File.WriteAllText(from, "payload");
        JsonElement ev = CommandHarness.RunSingle("file_mov", from, Path.Combine(ProtectedPaths.StateDirectory, "x"));
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(5));
            Assert.That(File.Exists(from), Is.True);
        });
    }

    [Test]
    public void FileMov_MissingSource_Error2()
    {
        Assert.That(CommandHarness.RunSingle("file_mov", Path.Combine(_dir, "a"), Path.Combine(_dir, "b")).GetProperty("ERROR").GetInt32(), Is.EqualTo(2));
    }
}
