using System.Text;
using System.Text.Json;
using Sensor.Commands.Memory;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands;

[Platform("Linux")]
public sealed class MemoryCommandsTests
{
    [Test]
    public void MemFindString_ChildSecrets_ReportsTrueAddresses()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        MemFindStringCommand.Execute(new MemFindStringCommand { Strings = [SecretChild.SecretA, SecretChild.SecretW, SecretChild.SecretU], Pid = child.Pid }, context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        JsonElement process = ev.GetProperty("PROCESSES").EnumerateArray().Single();
        Assert.That(process.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(child.Pid));
        var found = process.GetProperty("STRINGS_FOUND").EnumerateArray()
            .Select(f => (f.GetProperty("STRING").GetString(), f.GetProperty("MEMORY_ADDRESS").GetUInt64())).ToList();
        Assert.That(found, Does.Contain((SecretChild.SecretA, child.AddressOf("A"))));
        Assert.That(found, Does.Contain((SecretChild.SecretW, child.AddressOf("W"))));
        Assert.That(found, Does.Contain((SecretChild.SecretU, child.AddressOf("U"))));
        Assert.That(sink.Events[0].RootElement.GetProperty("routing").GetProperty("this").GetString(), Has.Length.EqualTo(32));
    }

    [Test]
    public void MemFindString_AllProcesses_FindsChildAndSkipsSensor()
    {
        using var child = new SecretChild();
        var (sink, context) = RecordingSink.Create();
        MemFindStringCommand.Execute(new MemFindStringCommand { Strings = [SecretChild.SecretW], Pid = 0 }, context);
        JsonElement ev = sink.Single();
        var pids = ev.GetProperty("PROCESSES").EnumerateArray().Select(p => p.GetProperty("PROCESS_ID").GetInt32()).ToList();
        Assert.That(pids, Does.Contain(child.Pid));
        Assert.That(pids, Does.Not.Contain(Environment.ProcessId));
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
