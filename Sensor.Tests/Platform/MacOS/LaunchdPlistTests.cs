using System.Diagnostics;
using System.Text.Json;
using System.Xml;
using Sensor.Platform.MacOS;

namespace Sensor.Tests.Platform.MacOS;

/// <summary>
/// The daemon's property list, read back by a real plist reader (Python's plistlib; plutil is macOS-only) and by an
/// XML parser: the keys launchd needs, with the types it expects.
/// </summary>
public sealed class LaunchdPlistTests
{
    private static readonly string[] s_arguments =
        ["/Library/Sensor/sensor", "run", "--config", "/Library/Application Support/Sensor/sensor.json"];

    [Test]
    public void Write_DaemonDefinition_PlistlibReadsEveryKey()
    {
        string plist = LaunchdPlist.Write("org.opensensor.sensor", s_arguments, "/Library/Logs/Sensor");

        using JsonDocument parsed = ReadWithPlistlib(plist);
        JsonElement root = parsed.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("Label").GetString(), Is.EqualTo("org.opensensor.sensor"));
            Assert.That(root.GetProperty("ProgramArguments").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(s_arguments));
            Assert.That(root.GetProperty("RunAtLoad").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("KeepAlive").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("Umask").GetInt32(), Is.EqualTo(Convert.ToInt32("077", 8)));
            Assert.That(root.GetProperty("ExitTimeOut").GetInt32(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("StandardErrorPath").GetString(), Does.StartWith("/Library/Logs/Sensor/"));
            Assert.That(root.GetProperty("StandardOutPath").GetString(), Does.StartWith("/Library/Logs/Sensor/"));
        });
    }

    [Test]
    public void Write_MarkupInPath_EscapedAndReadBackUnchanged()
    {
        string[] arguments = ["/opt/a&b <c>/sensor", "run", "--config", "/etc/x&y/\"q\" 'z'.json"];

        string plist = LaunchdPlist.Write("org.opensensor.sensor", arguments, "/tmp/logs & more");

        using JsonDocument parsed = ReadWithPlistlib(plist);
        Assert.That(parsed.RootElement.GetProperty("ProgramArguments").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(arguments));
        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(plist), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        document.Load(reader);
        Assert.That(document.SelectNodes("/plist/dict/key")!.Cast<XmlNode>().Select(n => n.InnerText),
            Is.SupersetOf(new[] { "Label", "ProgramArguments", "RunAtLoad", "KeepAlive", "StandardErrorPath" }));
    }

    [Test]
    public void Write_ControlCharacter_Refused()
    {
        Assert.That(() => LaunchdPlist.Write("org.opensensor.sensor", ["/bin/sensor\u0001"], "/tmp"), Throws.ArgumentException);
    }

    private static JsonDocument ReadWithPlistlib(string plist)
    {
        string path = Path.Combine(Path.GetTempPath(), $"launchd-{Guid.NewGuid():N}.plist");
        File.WriteAllText(path, plist);
        try
        {
            var start = new ProcessStartInfo("python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))");
            start.ArgumentList.Add(path);
            using Process python = Process.Start(start)!;
            Task<string> error = python.StandardError.ReadToEndAsync();
            string output = python.StandardOutput.ReadToEnd();
            python.WaitForExit();
            Assert.That(python.ExitCode, Is.Zero, () => $"plistlib refused the plist: {error.Result}\n{plist}");
            return JsonDocument.Parse(output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
