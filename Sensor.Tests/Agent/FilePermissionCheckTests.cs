using Sensor.Agent;
using Sensor.Platform.Security;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

/// <summary>The start-up permission rule on real files: modes set with chmod, owners with chown, links with ln -s.</summary>
[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FilePermissionCheckTests
{
    private const string GoodPin = "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sensor-perm-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string NewFile(string name, UnixFileMode mode)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static void Tool(string tool, params string[] arguments) => ToolOutput.Run(tool, arguments);

    [Test]
    public void Check_PrivateFileInPrivateDirectory_Passes()
    {
        Assert.That(FilePermissionCheck.Check(NewFile("c.json", UnixFileMode.UserRead | UnixFileMode.UserWrite), mayBeMissing: false), Is.Null);
    }

    [TestCase("0666", "mode 0666")]
    [TestCase("0620", "mode 0620")]
    [TestCase("0602", "mode 0602")]
    public void Check_FileWritableByGroupOrOthers_RefusedNamingPathAndMode(string mode, string expected)
    {
        string path = NewFile("c.json", UnixFileMode.UserRead);
        Tool("chmod", mode, path);
        Assert.That(FilePermissionCheck.Check(path, mayBeMissing: false), Does.StartWith(path).And.Contain("can be written by others").And.Contain(expected));
    }

    [Test]
    public void Check_FileOwnedByAnotherUser_RefusedNamingOwner()
    {
        Assume.That(Environment.IsPrivilegedProcess, "chown needs root");
        string path = NewFile("c.json", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Tool("chown", "65534", path);
        Assert.That(FilePermissionCheck.Check(path, mayBeMissing: false), Is.EqualTo($"{path} is owned by uid 65534, not root"));
    }

    [Test]
    public void Check_ParentDirectoryWritableByOthers_RefusedNamingTheDirectory()
    {
        string sub = Directory.CreateDirectory(Path.Combine(_dir, "open")).FullName;
        string path = Path.Combine(sub, "c.json");
        File.WriteAllText(path, "{}");
        Tool("chmod", "0777", sub);
        Assert.That(FilePermissionCheck.Check(path, mayBeMissing: false), Does.StartWith($"{sub} (above {path}) can be written by others"));
    }

    [Test]
    public void Check_ParentDirectoryStickyAndWritableByOthers_Passes()
    {
        // /tmp's rule: others can add entries but not remove or rename this one, which is root's.
        string sub = Directory.CreateDirectory(Path.Combine(_dir, "sticky")).FullName;
        string path = Path.Combine(sub, "c.json");
        File.WriteAllText(path, "{}");
        Tool("chmod", "1777", sub);
        Assert.That(FilePermissionCheck.Check(path, mayBeMissing: false), Is.Null);
    }

    [Test]
    public void Check_StickyDirectoryItselfAsTheCheckedPath_Refused()
    {
        string sub = Directory.CreateDirectory(Path.Combine(_dir, "state")).FullName;
        Tool("chmod", "1777", sub);
        Assert.That(FilePermissionCheck.Check(sub, mayBeMissing: true), Does.Contain("can be written by others").And.Contain("mode 1777"));
    }

    [Test]
    public void Check_LinkIntoAnOpenDirectory_RefusedAtTheTarget()
    {
        string open = Directory.CreateDirectory(Path.Combine(_dir, "open")).FullName;
        string target = Path.Combine(open, "real.json");
        File.WriteAllText(target, "{}");
        Tool("chmod", "0777", open);
        string link = Path.Combine(_dir, "c.json");
        Tool("ln", "-s", target, link);
        Assert.That(FilePermissionCheck.Check(link, mayBeMissing: false), Does.StartWith($"{open} (above {target})"));
    }

    [Test]
    public void Check_MissingStateDirectory_PassesWhenAllowedAndFailsOtherwise()
    {
        string missing = Path.Combine(_dir, "not-yet");
        Assert.That(FilePermissionCheck.Check(missing, mayBeMissing: true), Is.Null);
        Assert.That(FilePermissionCheck.Check(missing, mayBeMissing: false), Does.Contain("cannot be inspected (error 2)"));
    }

    [Test]
    public void PosixFileWriters_Modes_ClassifiedLikeTheKernelWould()
    {
        Assert.That(PosixFileWriters.From(0, 0x8000 | 0x1a4, 0), Is.EqualTo(new FileWriters(Sensor.Platform.DirectoryEntryKind.File, "uid 0", true, false, false, "mode 0644")));
        Assert.That(PosixFileWriters.From(1000, 0x4000 | 0x3ff, 0).OthersCanOnlyAdd, Is.True, "1777 directory");
        Assert.That(PosixFileWriters.From(1000, 0x4000 | 0x3ff, 0).OwnerTrusted, Is.False, "uid 1000 when running as root");
        Assert.That(PosixFileWriters.From(1000, 0x8000 | 0x180, 1000).OwnerTrusted, Is.True, "the current user when not root");
        Assert.That(PosixFileWriters.From(0, 0xa000 | 0x1ff, 0).OthersCanWrite, Is.False, "a link's own mode means nothing");
    }

    [Test]
    public void SensorRun_RealProcess_ConfigWritableByOthers_RefusesNamingThePath()
    {
        string config = Path.Combine(_dir, "sensor.json");
        File.WriteAllText(config, $$"""{"server":"127.0.0.1:1","pins":["{{GoodPin}}"],"installation_key":"k","state_dir":"{{_dir}}/state"}""");
        Tool("chmod", "0646", config);
        var (exit, output) = ProcessRunner.Run("sensor.dll", "run", "--config", config);
        Assert.That(exit, Is.EqualTo(Sensor.Cli.AgentVerbs.ExitConfigError));
        Assert.That(output, Does.Contain($"refusing to start: config {config} can be written by others than root (mode 0646)"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "state")), Is.False, "nothing is created before the check passes");

        var (checkExit, checkOutput) = ProcessRunner.Run("sensor.dll", "config", "check", "--config", config);
        Assert.That(checkExit, Is.EqualTo(Sensor.Cli.AgentVerbs.ExitConfigError));
        Assert.That(checkOutput, Does.Contain($"sensor: config: config: {config} can be written by others"));
    }
}
