using System.Text;
using System.Text.Json;
using Sensor.Commands.Memory;
using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands;

[Platform("Linux")]
[NonParallelizable] // sets the scan thread count and options, which are process-wide
public sealed class MemoryCommandsTests
{
    /// <summary>Runs mem_find_string on <paramref name="threads"/> threads (and <paramref name="options"/>); returns its one event.</summary>
    private static JsonElement FindStrings(int threads, MemFindStringCommand arguments, MemoryScanOptions? options = null)
    {
        int configured = MemoryScanThreads.Configured;
        MemoryScanOptions defaults = MemFindStringCommand.Options;
        MemoryScanThreads.Configured = threads;
        MemFindStringCommand.Options = options ?? defaults;
        try
        {
            var (sink, context) = RecordingSink.Create();
            MemFindStringCommand.Execute(arguments, context);
            if (arguments.Pid != 0)
            {
                Assert.That(sink.Events[0].RootElement.GetProperty("routing").GetProperty("this").GetString(), Has.Length.EqualTo(32));
            }

            return sink.Single().Clone();
        }
        finally
        {
            MemoryScanThreads.Configured = configured;
            MemFindStringCommand.Options = defaults;
        }
    }

    private static List<(string? String, ulong Address)> Found(JsonElement process) =>
        process.GetProperty("STRINGS_FOUND").EnumerateArray()
            .Select(f => (f.GetProperty("STRING").GetString(), f.GetProperty("MEMORY_ADDRESS").GetUInt64())).ToList();

    [TestCase(1)]
    [TestCase(2)]
    public void MemFindString_ChildSecrets_ReportsTrueAddresses(int threads)
    {
        using var child = new SecretChild();
        JsonElement ev = FindStrings(threads, new MemFindStringCommand { Strings = [SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU], Pid = child.Pid });
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        JsonElement process = ev.GetProperty("PROCESSES").EnumerateArray().Single();
        Assert.That(process.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
        var found = Found(process);
        Assert.That(found, Does.Contain((SecretChild.SecretA, child.AddressOf("A"))));
        Assert.That(found, Does.Contain((SecretChild.SecretW, child.AddressOf("W"))));
        Assert.That(found, Does.Contain((SecretChild.SecretU, child.AddressOf("U"))));
        Assert.That(found.Distinct().Count(), Is.EqualTo(found.Count), "a hit was reported twice");
    }

    [Test]
    public void MemFindString_OneAndTwoThreads_IdenticalReplies()
    {
        using var child = new SecretChild();
        var secrets = new MemFindStringCommand { Strings = [SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU], Pid = child.Pid };
        string one = FindStrings(1, secrets).GetRawText();
        Assert.That(one, Does.Contain("MEMORY_ADDRESS").And.Not.Contain("TRUNCATED"));
        Assert.That(FindStrings(2, secrets).GetRawText(), Is.EqualTo(one));
    }

    [Test]
    public void MemFindString_HitCapTwoThreads_SameHitsAndTruncationAsOneThread()
    {
        // R2 holds 64 KiB of zeros: far more than the cap of four-zero matches.
        using var child = new SecretChild();
        var zeros = new MemFindStringCommand { Strings = ["\0\0\0\0"], Pid = child.Pid };
        JsonElement one = FindStrings(1, zeros);
        JsonElement process = one.GetProperty("PROCESSES").EnumerateArray().Single();
        Assert.That(Found(process), Has.Count.EqualTo(MemFindStringCommand.MaxHitsPerProcess));
        Assert.That((process.GetProperty("TRUNCATED").GetBoolean(), one.GetProperty("TRUNCATED").GetBoolean()), Is.EqualTo((true, true)));
        Assert.That(process.GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("cap"));
        Assert.That(FindStrings(2, zeros).GetRawText(), Is.EqualTo(one.GetRawText()));
    }

    [Test]
    public void MemFindString_SecretAcrossTheSplitBetweenThreads_FoundOnce()
    {
        // A chunk size that ends R1's first chunk 21 bytes into W (42 bytes of UTF-16): the chunks on either side are
        // consecutive, so with two threads taking chunks in turn W straddles the split between them.
        using var child = new SecretChild();
        ulong split = child.AddressOf("W") + 21;
        var options = new MemoryScanOptions { ChunkSize = (int)(split - child.AddressOf("R1")) };
        var secrets = new MemFindStringCommand { Strings = [SecretChild.SecretW], Pid = child.Pid };
        JsonElement two = FindStrings(2, secrets, options);
        var found = Found(two.GetProperty("PROCESSES").EnumerateArray().Single());
        Assert.That(found.Count(f => f == (SecretChild.SecretW, child.AddressOf("W"))), Is.EqualTo(1));
        Assert.That(two.GetRawText(), Is.EqualTo(FindStrings(1, secrets, options).GetRawText()));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void MemFindString_AllProcesses_FindsChildAndSkipsSensor(int threads)
    {
        using var child = new SecretChild();
        JsonElement ev = FindStrings(threads, new MemFindStringCommand { Strings = [SecretChild.SecretW], Pid = 0 });
        var pids = ev.GetProperty("PROCESSES").EnumerateArray().Select(p => p.GetProperty("PROCESS_ID").GetInt32()).ToList();
        Assert.That(pids, Does.Contain(child.Pid));
        Assert.That(pids, Does.Not.Contain(Environment.ProcessId));
        JsonElement entry = ev.GetProperty("PROCESSES").EnumerateArray().Single(p => p.GetProperty("PROCESS_ID").GetInt32() == child.Pid);
        Assert.That(Found(entry), Does.Contain((SecretChild.SecretW, child.AddressOf("W"))));
    }

    [Test]
    public void MemFindString_NoSuchProcess_Error87()
    {
        var (sink, context) = RecordingSink.Create();
        MemFindStringCommand.Execute(new MemFindStringCommand { Strings = ["x"], Pid = int.MaxValue }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void MemRead_SecretAddress_ReturnsSecret()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        MemReadCommand.Execute(new MemReadCommand { Pid = child.Pid, BaseAddr = child.AddressOf("A"), MemSize = (ulong)SecretChild.SecretA.Length }, context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(Encoding.ASCII.GetString(ev.GetProperty("MEMORY_DUMP").GetBytesFromBase64()), Is.EqualTo(SecretChild.SecretA));
        Assert.That(ev.GetProperty("BASE_ADDRESS").GetUInt64(), Is.EqualTo(child.AddressOf("A")));
    }

    [Test]
    public void MemRead_RangeRunningIntoUnmappedMemory_ReturnsReadablePartAndError487()
    {
        using var child = new SecretChild();
        child.UnmapR2();
        // The last 100 bytes before R2's old base are readable only if something is mapped there; use R1's end instead:
        ulong r1End = child.AddressOf("R1") + (4UL << 20);
        var (sink, context) = RecordingSink.Create();
        MemReadCommand.Execute(new MemReadCommand { Pid = child.Pid, BaseAddr = child.AddressOf("R2"), MemSize = 0x100 }, context);
        JsonElement unmapped = sink.Single();
        Assert.That(unmapped.GetProperty("ERROR").GetInt32(), Is.EqualTo(487));
        Assert.That(unmapped.GetProperty("MEMORY_DUMP").GetBytesFromBase64(), Is.Empty);

        var maps = File.ReadAllLines($"/proc/{child.Pid}/maps");
        bool nextMapped = maps.Any(l => l.StartsWith(r1End.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "-", StringComparison.Ordinal));
        Assume.That(nextMapped, Is.False, "another mapping follows R1 directly");
        (sink, context) = RecordingSink.Create();
        MemReadCommand.Execute(new MemReadCommand { Pid = child.Pid, BaseAddr = r1End - 100, MemSize = 0x1000 }, context);
        JsonElement partial = sink.Single();
        Assert.That(partial.GetProperty("ERROR").GetInt32(), Is.EqualTo(487));
        Assert.That(partial.GetProperty("MEMORY_DUMP").GetBytesFromBase64(), Has.Length.EqualTo(100));
    }

    [Test]
    public void MemRead_OverCap_TruncatedAtCap()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        MemReadCommand.Execute(new MemReadCommand { Pid = child.Pid, BaseAddr = child.AddressOf("R1"), MemSize = (ulong)MemReadCommand.MaxBytes + 1 }, context);
        JsonElement ev = sink.Single();
        // R1 is 4 MiB: the read stops at its end (487) and the request was over the cap (TRUNCATED).
        Assert.That(ev.GetProperty("TRUNCATED").GetBoolean(), Is.True);
        Assert.That(ev.GetProperty("MEMORY_DUMP").GetBytesFromBase64().Length, Is.GreaterThanOrEqualTo(4 << 20).And.LessThanOrEqualTo(MemReadCommand.MaxBytes));
    }

    [Test]
    public void MemMap_Child_AgreesWithProcMaps()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        MemMapCommand.Execute(new MemMapCommand { Pid = child.Pid }, context);
        JsonElement ev = sink.Single();
        var map = ev.GetProperty("MEMORY_MAP").EnumerateArray().ToList();
        string[] lines = File.ReadAllLines($"/proc/{child.Pid}/maps");
        Assert.That(map, Has.Count.EqualTo(lines.Length));
        JsonElement r1 = map.Single(r => r.GetProperty("BASE_ADDRESS").GetUInt64() == child.AddressOf("R1"));
        Assert.That((r1.GetProperty("MEMORY_SIZE").GetUInt64(), r1.GetProperty("MEMORY_TYPE").GetInt32(), r1.GetProperty("MEMORY_ACCESS").GetInt32()),
            Is.EqualTo((4UL << 20, 3, 7)));
        JsonElement x = map.Single(r => r.GetProperty("BASE_ADDRESS").GetUInt64() == child.AddressOf("X"));
        Assert.That(x.GetProperty("MEMORY_ACCESS").GetInt32(), Is.EqualTo(3));
        JsonElement image = map.First(r => r.TryGetProperty("MODULE_NAME", out _) && r.GetProperty("MEMORY_ACCESS").GetInt32() == 2);
        Assert.That(image.GetProperty("FILE_PATH").GetString(), Does.StartWith("/"));
        Assert.That(map.Select(r => r.GetProperty("FILE_PATH", "")), Does.Contain(SecretChild.BinaryPath));
    }

    [Test]
    public void MemStrings_Child_HoldsSecretsAsAsciiAndWide()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        MemStringsCommand.Execute(new MemStringsCommand { Pid = child.Pid }, context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        var ascii = ev.GetProperty("STRINGSA").EnumerateArray().Select(s => s.GetString()).ToList();
        var wide = ev.GetProperty("STRINGSW").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.That(ascii, Does.Contain(SecretChild.SecretU));
        Assert.That(wide, Does.Contain(SecretChild.SecretW));
        Assert.That(ascii.Concat(wide).All(s => s!.Length is >= 5 and <= 128), Is.True);
    }

    [Test]
    public void HiddenModuleScan_Child_ReportsAnonymousElfRegionThenDone()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        HiddenModuleScanCommand.Execute(new HiddenModuleScanCommand { Pid = child.Pid }, context);
        var events = sink.Events.Select(e => e.RootElement.GetProperty("event")).ToList();
        Assert.That(events[^1].GetProperty("ERROR_MESSAGE").GetString(), Is.EqualTo("done"));
        JsonElement finding = events.Single(e => e.TryGetProperty("BASE_ADDRESS", out _));
        Assert.That(finding.GetProperty("BASE_ADDRESS").GetUInt64(), Is.EqualTo(child.AddressOf("X")));
        Assert.That(finding.GetProperty("PROCESS").GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
    }
}

internal static class JsonElementExtensions
{
    public static string GetProperty(this JsonElement e, string name, string fallback) =>
        e.TryGetProperty(name, out JsonElement v) ? v.GetString() ?? fallback : fallback;
}
