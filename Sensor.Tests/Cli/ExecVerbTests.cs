using System.Text;
using Sensor.Cli;

namespace Sensor.Tests.Cli;

public sealed class ExecVerbTests
{
    private static (int Exit, string[] Lines, string Errors) Exec(params string[] args)
    {
        using var stdout = new MemoryStream();
        var stdoutText = new StringWriter();
        var stderr = new StringWriter();
        int exit = ExecVerb.Run(args, stdout, stdoutText, stderr);
        string text = Encoding.UTF8.GetString(stdout.ToArray()) + stdoutText;
        return (exit, text.Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    [Test]
    public void Run_FileHashOfAFile_Exit0AndOneReplyWithItsHash()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");
            var (exit, lines, _) = Exec("file_hash", path);
            Assert.That(exit, Is.EqualTo(ExecVerb.ExitOk));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.Contain("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Run_MissingFile_Exit1()
    {
        Assert.That(Exec("file_hash", "/nonexistent/" + Guid.NewGuid()).Exit, Is.EqualTo(ExecVerb.ExitCommandError));
    }

    [TestCase("no_such_command")]
    [TestCase("dir_list", "-d", "nope", "/", "*")]
    public void Run_UnknownCommandOrBadArguments_Exit2(params string[] args)
    {
        Assert.That(Exec(args).Exit, Is.EqualTo(ExecVerb.ExitUsage));
    }

    [Test]
    public void Run_Repeat3_ThreeRepliesAndThreeTimings()
    {
        var (exit, lines, errors) = Exec("--repeat", "3", "os_version");
        Assert.That(exit, Is.EqualTo(ExecVerb.ExitOk));
        Assert.That(lines.Count(l => l.Contains("\"OS_VERSION_REP\"")), Is.EqualTo(3));
        Assert.That(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3).And.All.Match(@"^run [123]: [0-9.]+ ms$"));
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("x")]
    public void Run_RepeatOutOfRange_Exit2(string count)
    {
        var (exit, lines, errors) = Exec("--repeat", count, "os_version");
        Assert.That(exit, Is.EqualTo(ExecVerb.ExitUsage));
        Assert.That(lines, Is.Empty);
        Assert.That(errors, Does.Contain("--repeat"));
    }
}
