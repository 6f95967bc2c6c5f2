using System.Diagnostics;
using Sensor.Platform.Windows;

namespace Sensor.Tests.Platform.Windows;

/// <summary>
/// The service's command line against Python's <c>subprocess.list2cmdline</c>, which implements the same C runtime
/// rule (CommandLineToArgvW is Windows-only).
/// </summary>
public sealed class WindowsCommandLineTests
{
    private static readonly string[][] s_cases =
    [
        ["run", "--config", @"C:\ProgramData\Sensor\sensor.json"],
        ["run", "--config", @"C:\Program Files\Sensor\sensor.json"],
        [@"C:\dir with space\", "trailing"],
        [@"a\\b", @"a\\\""b", "", "tab\there", "quote\"inside", @"\\server\share\x y\"],
        [@"ends\", @"""quoted""", @"back\\\\", " "],
    ];

    [TestCaseSource(nameof(s_cases))]
    public void Join_Arguments_MatchesList2cmdline(string[] arguments)
    {
        Assert.That(WindowsCommandLine.Join(arguments), Is.EqualTo(List2cmdline(arguments)));
    }

    [Test]
    public void ForService_PathWithSpace_ExecutableQuotedThenArguments()
    {
        string[] arguments = ["run", "--config", @"C:\Program Files\Sensor Data\sensor.json"];

        string line = WindowsCommandLine.ForService(@"C:\Program Files\Sensor\sensor.exe", arguments);

        Assert.That(line, Is.EqualTo(@"""C:\Program Files\Sensor\sensor.exe"" " + List2cmdline(arguments)));
    }

    [Test]
    public void ForService_PathWithoutSpace_StillQuoted()
    {
        Assert.That(WindowsCommandLine.ForService(@"C:\Sensor\sensor.exe", "run"), Is.EqualTo(@"""C:\Sensor\sensor.exe"" run"));
    }

    [Test]
    public void ForService_QuoteInExecutable_Refused()
    {
        Assert.That(() => WindowsCommandLine.ForService("C:\\a\"b.exe", "run"), Throws.ArgumentException);
    }

    private static string List2cmdline(string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import subprocess, sys; sys.stdout.write(subprocess.list2cmdline(sys.argv[1:]))");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process python = Process.Start(start)!;
        string output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.That(python.ExitCode, Is.Zero);
        return output;
    }
}
