using System.Text.Json;
using Sensor.Events;
using Sensor.Platform;
using Sensor.Server;
using Sensor.Tests.Support;

namespace Sensor.Tests.Server;

public sealed class EventLogTests
{
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sensor-eventlog-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private static byte[] AnEvent()
    {
        var (sink, context) = RecordingSink.Create();
        context.Reply.Begin("FILE_HASH_REP");
        context.Reply.Field(FieldNames.FilePath, "/etc/passwd");
        context.Reply.End(ErrorCodes.Success);
        return sink.Raw[^1];
    }

    [Test]
    public void Append_AcrossMidnight_OneFilePerUtcDayAndDedupAfterReopen()
    {
        var now = new DateTimeOffset(2026, 12, 4, 23, 59, 59, TimeSpan.Zero);
        byte[] data = AnEvent();
        using (var log = new EventLog(_root, () => now))
        {
            Assert.That(log.Append("s", 1, 1, data), Is.True);
            now = now.AddSeconds(2);
            Assert.That(log.Append("s", 1, 2, data), Is.True);
            Assert.That(log.Append("s", 1, 2, data), Is.False, "a resent event is not written twice");
        }

        Assert.That(EventLog.Files(_root).Select(Path.GetFileName), Is.EqualTo(new[] { "2026-12-04.jsonl", "2026-12-05.jsonl" }));
        using (var reopened = new EventLog(_root, () => now))
        {
            Assert.That(reopened.Append("s", 1, 1, data), Is.False, "dedup state rebuilt from the older file too");
            Assert.That(reopened.Append("s", 1, 3, data), Is.True);
        }

        string[] lines = EventLog.Files(_root).SelectMany(File.ReadAllLines).ToArray();
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(JsonDocument.Parse(lines[0]).RootElement.GetProperty("data").GetProperty("event").GetProperty("FILE_PATH").GetString(),
            Is.EqualTo("/etc/passwd"));
    }

    [Test]
    public void Open_TornLastLine_CutOff()
    {
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        byte[] data = AnEvent();
        using (var log = new EventLog(_root, () => now))
        {
            log.Append("s", 1, 1, data);
        }

        string file = EventLog.Files(_root).Single();
        File.AppendAllText(file, "{\"sid\":\"s\",\"stream\":1,\"seq\":2,\"recei");
        using (var log = new EventLog(_root, () => now))
        {
            Assert.That(log.Append("s", 1, 2, data), Is.True, "the torn event was never acknowledged, so it is written when resent");
        }

        Assert.That(File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
    }
}
