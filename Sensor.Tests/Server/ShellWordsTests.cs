using System.Diagnostics;
using Sensor.Server.Tasking;

namespace Sensor.Tests.Server;

public sealed class ShellWordsTests
{
    // Lines without expansions ($, `, *, ?, ~ at a word start), so /bin/sh with globbing off splits them the same.
    private static readonly string[] Lines =
    [
        "file_hash /etc/passwd",
        "  file_hash\t/etc/passwd  ",
        "dir_list -d 2 /etc 'host*'",
        "file_hash \"/tmp/with space\"",
        "file_hash /tmp/with\\ space",
        "echo 'it''s' \"a \\\"quoted\\\" word\" back\\\\slash",
        "echo \"single ' inside\" 'double \" inside'",
        "echo a\"b\"'c'd ''",
        "echo \"\" x",
        "echo \"keep \\n and \\a\"",
        "echo café 'ünïcode'",
        "",
    ];

    [TestCaseSource(nameof(Lines))]
    [Platform("Linux")]
    public void TrySplit_SameAsPosixShell(string line)
    {
        string[]? words = ShellWords.TrySplit(line, out string error);
        Assert.That(words, Is.Not.Null, error);
        Assert.That(words, Is.EqualTo(SplitWithShell(line)));
    }

    [TestCase("file_hash '/etc/passwd", "unterminated single quote at column 11")]
    [TestCase("file_hash \"/etc/passwd", "unterminated double quote at column 11")]
    [TestCase("file_hash x\\", "the line ends with a backslash")]
    public void TrySplit_Malformed_Error(string line, string expected)
    {
        Assert.That(ShellWords.TrySplit(line, out string error), Is.Null);
        Assert.That(error, Is.EqualTo(expected));
    }

    [Test]
    public void TrySplit_Expansions_StayLiteral()
    {
        Assert.That(ShellWords.TrySplit("file_get $HOME/x `id` ~/y *.c ; rm -rf /", out _),
            Is.EqualTo(new[] { "file_get", "$HOME/x", "`id`", "~/y", "*.c", ";", "rm", "-rf", "/" }));
    }

    private static string[] SplitWithShell(string line)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -f; for w in " + line + "; do printf '%s\\0' \"$w\"; done");
        using Process shell = Process.Start(start)!;
        string output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        return output.Length == 0 ? [] : output[..^1].Split('\0');
    }
}
