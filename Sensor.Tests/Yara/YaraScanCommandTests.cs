using System.Globalization;
using System.Text;
using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Yara;

/// <summary>yara_scan against the yara command-line tool on the same files, trees and live processes.</summary>
[Platform("Linux")]
public sealed class YaraScanCommandTests
{
    // Rules of several kinds: ASCII, wide, nocase, hex with jumps, regex, a count, a condition without strings.
    private const string Rules = """
        rule Ascii { strings: $a = "needle-ascii-41f" condition: $a }
        rule Wide { strings: $w = "needle-wide-7c2" wide condition: $w }
        rule NoCase { strings: $n = "MiXeD-CaSe-9" nocase condition: $n }
        rule Hex { strings: $h = { 4D 5A [2-4] 90 00 ?? FF } condition: $h }
        rule Regex { strings: $r = /tok-[0-9]{4}-end/ condition: $r }
        rule Twice { strings: $t = "twice-b8" condition: #t >= 2 }
        rule Small { condition: filesize < 64 }
        """;

    private string _dir = "";
    private string _rulesPath = "";

    [SetUp]
    public void SetUp()
    {
        _dir = CommandHarness.TempDirectory("yara-scan");
        _rulesPath = Path.Combine(_dir, "rules.yar");
        File.WriteAllText(_rulesPath, Rules);
    }

    [TearDown]
    public void TearDown() => CommandHarness.DeleteTree(_dir);

    [Test]
    public void Execute_Files_SameRulesAsYaraTool()
    {
        string files = Path.Combine(_dir, "files");
        Directory.CreateDirectory(files);
        var paths = WriteSampleFiles(files);
        foreach (string path in paths)
        {
            RecordingSink sink = CommandHarness.Run("yara_scan", "-f", path, _rulesPath);
            var (hits, done) = Split(sink);
            Assert.That(done.GetProperty("ERROR").GetInt32(), Is.Zero);
            Assert.That(done.GetProperty("ERROR_MESSAGE").GetString(), Is.EqualTo("done"));
            Assert.That(done.GetProperty("SCANNED_COUNT").GetInt32(), Is.EqualTo(1));
            Assert.That(hits.Select(h => h.GetProperty("RULE_NAME").GetString()).Order(), Is.EqualTo(YaraTool(path).Select(m => m.Rule).Order()), path);
            string sha = CommandHarness.Tool("sha256sum", path).Split(' ')[0];
            foreach (JsonElement hit in hits)
            {
                Assert.That(hit.GetProperty("FILE_PATH").GetString(), Is.EqualTo(path));
                Assert.That(hit.GetProperty("HASH").GetString(), Is.EqualTo(sha));
            }
        }
    }

    [Test]
    public void Execute_TreeWithDepthAndWildcard_SameMatchesAsYaraToolOnTheSameFiles()
    {
        // Three levels, matching and non-matching names at each; depth 2 and "*.bin" select a subset.
        string root = Path.Combine(_dir, "tree");
        string level2 = Path.Combine(root, "d1");
        string level3 = Path.Combine(level2, "d2");
        Directory.CreateDirectory(level3);
        foreach (string dir in new[] { root, level2, level3 })
        {
            WriteSampleFiles(dir, ".bin");
            WriteSampleFiles(dir, ".txt");
        }

        RecordingSink sink = CommandHarness.Run("yara_scan", "-r", root, "-x", "*.bin", "-d", "2", _rulesPath);
        var (hits, done) = Split(sink);
        string[] selected = CommandHarness.Tool("find", root, "-mindepth", "1", "-maxdepth", "2", "-type", "f", "-name", "*.bin")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(selected, Has.Length.GreaterThan(4));
        var expected = selected.SelectMany(f => YaraTool(f).Select(m => $"{m.Rule} {f}")).Order().ToArray();
        var actual = hits.Select(h => $"{h.GetProperty("RULE_NAME").GetString()} {h.GetProperty("FILE_PATH").GetString()}").Order().ToArray();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(done.GetProperty("SCANNED_COUNT").GetInt32(), Is.EqualTo(selected.Length));
        Assert.That(done.GetProperty("ERROR_COUNT").GetInt32(), Is.Zero);
    }

    [Test]
    public void Execute_LiveChild_SameRulesAsYaraToolAndRegionsHoldTheirMatches()
    {
        using var child = new SecretChild();
        string rules = Path.Combine(_dir, "child.yar");
        File.WriteAllText(rules, $$"""
            rule ChildAscii { strings: $a = "{{SecretChild.SecretA}}" condition: $a }
            rule ChildWide { strings: $w = "{{SecretChild.SecretW}}" wide condition: $w }
            rule Absent { strings: $x = "not-in-any-process-{{Guid.NewGuid():N}}" condition: $x }
            """);

        RecordingSink sink = CommandHarness.Run("yara_scan", "--pid", child.Pid.ToString(CultureInfo.InvariantCulture), rules);
        var (hits, done) = Split(sink);
        Assert.That(done.GetProperty("SCANNED_COUNT").GetInt32(), Is.EqualTo(1));

        // yara -s prints each string match as 0xADDRESS:$id: data.
        string output = CommandHarness.Tool("yara", "-s", rules, child.Pid.ToString(CultureInfo.InvariantCulture));
        var expected = ParseStringMatches(output);
        Assert.That(hits.Select(h => h.GetProperty("RULE_NAME").GetString()).Order(), Is.EqualTo(expected.Keys.Order()));
        Assert.That(expected.Keys, Is.EquivalentTo(new[] { "ChildAscii", "ChildWide" }));
        Assert.That(expected["ChildAscii"], Does.Contain(child.AddressOf("A")));
        Assert.That(expected["ChildWide"], Does.Contain(child.AddressOf("W")));
        foreach (JsonElement hit in hits)
        {
            ulong baseAddress = hit.GetProperty("BASE_ADDRESS").GetUInt64();
            ulong size = hit.GetProperty("MEMORY_SIZE").GetUInt64();
            ulong lowest = expected[hit.GetProperty("RULE_NAME").GetString()!].Min();
            Assert.That(lowest, Is.InRange(baseAddress, baseAddress + size - 1), "the reported region holds yara's first match");
            Assert.That(File.ReadAllText($"/proc/{child.Pid}/maps"), Does.StartWith($"{baseAddress:x}-").Or.Contain($"\n{baseAddress:x}-{baseAddress + size:x} "));
            Assert.That(hit.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
            Assert.That(hit.GetProperty("PROCESS").GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
        }
    }

    [Test]
    public void Execute_ProcessExpr_ScansOnlyProcessesOfThatExecutable()
    {
        using var first = new SecretChild();
        using var second = new SecretChild();
        string rule = $"rule ChildAscii {{ strings: $a = \"{SecretChild.SecretA}\" condition: $a }}";
        RecordingSink sink = CommandHarness.Run("yara_scan", "-e", SecretChild.BinaryPath, rule);
        var (hits, done) = Split(sink);
        Assert.That(hits.Select(h => h.GetProperty("PROCESS_ID").GetInt32()).Order(), Is.EqualTo(new[] { first.Pid, second.Pid }.Order()));
        Assert.That(done.GetProperty("SCANNED_COUNT").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Execute_MalformedRule_Error50WithCompilerLine()
    {
        JsonElement reply = CommandHarness.RunSingle("yara_scan", "-f", _rulesPath, "rule Ok { condition: true }\nrule Bad { strings: $a = \"x\" condition: $b }");
        Assert.That(reply.GetProperty("ERROR").GetInt32(), Is.EqualTo(50));
        Assert.That(reply.GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("line 2").And.Contain("$b"));
    }

    [Test]
    public void Execute_Base64AndRuleFile_CompileTheSameRule()
    {
        string path = Path.Combine(_dir, "target.bin");
        File.WriteAllText(path, "xx needle-ascii-41f xx");
        string rule = "rule Ascii { strings: $a = \"needle-ascii-41f\" condition: $a }";
        string base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(rule));
        foreach (string form in new[] { rule, base64, _rulesPath })
        {
            var (hits, _) = Split(CommandHarness.Run("yara_scan", "-f", path, form));
            Assert.That(hits.Select(h => h.GetProperty("RULE_NAME").GetString()), Does.Contain("Ascii"), form);
        }
    }

    [Test]
    public void Execute_MissingAndUnmappableFiles_CountedAndTheScanGoesOn()
    {
        string root = Path.Combine(_dir, "mixed");
        Directory.CreateDirectory(Path.Combine(root, "sub.bin"));
        File.WriteAllText(Path.Combine(root, "good.bin"), "needle-ascii-41f");
        File.CreateSymbolicLink(Path.Combine(root, "dangling.bin"), Path.Combine(_dir, "nowhere"));

        var (hits, done) = Split(CommandHarness.Run("yara_scan", "-r", root, "-x", "*.bin", _rulesPath));
        Assert.That(hits.Select(h => h.GetProperty("RULE_NAME").GetString()), Does.Contain("Ascii"));
        Assert.That(done.GetProperty("SCANNED_COUNT").GetInt32(), Is.EqualTo(1));

        var (none, missing) = Split(CommandHarness.Run("yara_scan", "-f", Path.Combine(_dir, "does-not-exist"), _rulesPath));
        Assert.That(none, Is.Empty);
        Assert.That(missing.GetProperty("SKIPPED_COUNT").GetInt32(), Is.EqualTo(1));
        Assert.That(missing.GetProperty("ERROR").GetInt32(), Is.Zero);

        // sysfs attributes cannot be mapped: yara itself fails on them with error 4.
        const string Unmappable = "/sys/kernel/mm/transparent_hugepage/enabled";
        Assume.That(File.Exists(Unmappable), Is.True);
        var (_, failed) = Split(CommandHarness.Run("yara_scan", "-f", Unmappable, "rule T { condition: true }"));
        Assert.That(failed.GetProperty("ERROR_COUNT").GetInt32(), Is.EqualTo(1));
        Assert.That(failed.GetProperty("ERROR_MESSAGE").GetString(), Is.EqualTo("done"));
    }

    [Test]
    public void Execute_NoSuchPid_Error87()
    {
        JsonElement reply = CommandHarness.RunSingle("yara_scan", "--pid", "999999999", "rule T { condition: true }");
        Assert.That(reply.GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void Execute_HttpUrl_RefusedWithoutFetching()
    {
        JsonElement reply = CommandHarness.RunSingle("yara_scan", "-f", _rulesPath, "http://127.0.0.1:1/rule.yar");
        Assert.That(reply.GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
        Assert.That(reply.GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("https://"));
    }

    internal static (List<JsonElement> Hits, JsonElement Done) Split(RecordingSink sink)
    {
        var events = sink.Events.Select(e => e.RootElement.GetProperty("event")).ToList();
        Assert.That(events, Is.Not.Empty);
        JsonElement done = events[^1];
        Assert.That(done.TryGetProperty("RULE_NAME", out _), Is.False, "the last event is the completion");
        return (events.Take(events.Count - 1).ToList(), done);
    }

    private List<(string Rule, string Path)> YaraTool(string path)
    {
        string output = CommandHarness.Tool("yara", "-w", _rulesPath, path);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (l[..l.IndexOf(' ')], l[(l.IndexOf(' ') + 1)..])).ToList();
    }

    private static Dictionary<string, List<ulong>> ParseStringMatches(string output)
    {
        var result = new Dictionary<string, List<ulong>>();
        List<ulong>? current = null;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("0x", StringComparison.Ordinal))
            {
                current!.Add(ulong.Parse(line[2..line.IndexOf(':')], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
            else
            {
                current = [];
                result[line[..line.IndexOf(' ')]] = current;
            }
        }

        return result;
    }

    private static List<string> WriteSampleFiles(string dir, string extension = ".bin")
    {
        var samples = new (string Name, byte[] Bytes)[]
        {
            ("ascii", Pad("head needle-ascii-41f tail")),
            ("wide", Pad(Encoding.ASCII.GetString(Encoding.Unicode.GetBytes("needle-wide-7c2")))),
            ("nocase", Pad("..mixed-case-9..")),
            ("hex", [0x4D, 0x5A, 1, 2, 3, 0x90, 0x00, 0x41, 0xFF, .. new byte[100]]),
            ("regex", Pad("a tok-1234-end b tok-12-end")),
            ("twice", Pad("twice-b8 and twice-b8")),
            ("once", Pad("twice-b8 only once")),
            ("small", "tiny"u8.ToArray()),
            ("none", Pad("nothing to see")),
        };
        var paths = new List<string>();
        foreach (var (name, bytes) in samples)
        {
            string path = Path.Combine(dir, name + extension);
            File.WriteAllBytes(path, bytes);
            paths.Add(path);
        }

        return paths;
    }

    private static byte[] Pad(string text) => [.. Encoding.Latin1.GetBytes(text), .. new byte[128]];
}
