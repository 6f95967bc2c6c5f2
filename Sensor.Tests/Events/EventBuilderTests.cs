using System.Text.Json;
using Sensor.Events;
using Sensor.Tests.Support;

namespace Sensor.Tests.Events;

public sealed class EventBuilderTests
{
    [Test]
    public void End_NestedContainers_RendersEnvelopeAndPatchedCounts()
    {
        var (sink, context) = RecordingSink.Create();
        context.Routing.InvestigationId = "inv/1"u8.ToArray();
        EventBuilder reply = context.Reply;
        reply.Begin("DIR_LIST_REP", thisAtom: new byte[16]);
        reply.Field(FieldNames.DirectoryPath, "/etc");
        reply.BeginArray(FieldNames.DirectoryList);
        for (int i = 0; i < 70_000; i++)
        {
            reply.BeginMapItem();
            reply.Field(FieldNames.FileName, "f" + i);
            reply.Field(FieldNames.FileSize, (long)i);
            reply.EndMap();
        }

        reply.EndArray();
        reply.BeginMap(FieldNames.Source);
        reply.Field(FieldNames.Port, 22L);
        reply.EndMap();
        reply.FieldBinary(FieldNames.FileContent, "hi"u8);
        reply.End(0);

        JsonElement root = sink.Events.Single().RootElement;
        JsonElement routing = root.GetProperty("routing");
        Assert.Multiple(() =>
        {
            Assert.That(routing.GetProperty("event_type").GetString(), Is.EqualTo("DIR_LIST_REP"));
            Assert.That(routing.GetProperty("investigation_id").GetString(), Is.EqualTo("inv/1"));
            Assert.That(routing.GetProperty("this").GetString(), Is.EqualTo(new string('0', 32)));
            Assert.That(routing.GetProperty("event_id").GetString(), Has.Length.EqualTo(36));
            Assert.That(routing.GetProperty("event_time").GetInt64(), Is.GreaterThan(1_600_000_000_000));
        });
        JsonElement ev = root.GetProperty("event");
        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("DIRECTORY_LIST").GetArrayLength(), Is.EqualTo(70_000));
            Assert.That(ev.GetProperty("DIRECTORY_LIST")[69_999].GetProperty("FILE_NAME").GetString(), Is.EqualTo("f69999"));
            Assert.That(ev.GetProperty("SOURCE").GetProperty("PORT").GetInt64(), Is.EqualTo(22));
            Assert.That(ev.GetProperty("FILE_CONTENT").GetString(), Is.EqualTo("aGk="));
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public void BeginItemsAndBeginMapItem_OneWriterForMany_SameEventAsFieldByField()
    {
        var (sink, context) = RecordingSink.Create();
        EventBuilder reply = context.Reply;
        reply.Begin("DIR_LIST_REP");
        reply.BeginArray(FieldNames.Stringsa);
        reply.ItemUtf8("first"u8);
        MessagePack.MessagePackWriter items = reply.BeginItems();
        for (int i = 0; i < 40_000; i++)
        {
            items.Write("s" + i);
        }

        reply.EndItems(ref items, 40_000);
        reply.Item("last");
        reply.EndArray();
        reply.BeginArray(FieldNames.DirectoryList);
        reply.BeginMapItem();
        reply.Field(FieldNames.FileName, "a");
        reply.EndMap();
        MessagePack.MessagePackWriter entry = reply.BeginMapItem(2);
        entry.WriteString(FieldNames.FileName);
        entry.Write("b");
        entry.WriteString(FieldNames.FileSize);
        entry.Write(7L);
        EventBuilder.EndMapItem(ref entry);
        reply.EndArray();
        reply.End(0);

        JsonElement ev = sink.Events.Single().RootElement.GetProperty("event");
        JsonElement strings = ev.GetProperty("STRINGSA");
        JsonElement list = ev.GetProperty("DIRECTORY_LIST");
        Assert.Multiple(() =>
        {
            Assert.That(strings.GetArrayLength(), Is.EqualTo(40_002));
            Assert.That(strings[0].GetString(), Is.EqualTo("first"));
            Assert.That(strings[40_000].GetString(), Is.EqualTo("s39999"));
            Assert.That(strings[40_001].GetString(), Is.EqualTo("last"));
            Assert.That(list.GetArrayLength(), Is.EqualTo(2));
            Assert.That(list[1].GetProperty("FILE_NAME").GetString(), Is.EqualTo("b"));
            Assert.That(list[1].GetProperty("FILE_SIZE").GetInt64(), Is.EqualTo(7));
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public void BeginBinary_PartiallyFilled_CommitsOnlyFilledBytes()
    {
        var (sink, context) = RecordingSink.Create();
        context.Reply.Begin("MEM_READ_REP");
        Span<byte> target = context.Reply.BeginBinary(FieldNames.MemoryDump, 100);
        "abc"u8.CopyTo(target);
        context.Reply.CommitBinary(3);
        context.Reply.End(30, "partial read");
        JsonElement ev = sink.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(ev.GetProperty("MEMORY_DUMP").GetString()!), Is.EqualTo("abc"u8.ToArray()));
            Assert.That(ev.GetProperty("ERROR_MESSAGE").GetString(), Is.EqualTo("partial read"));
        });
    }

    [Test]
    public void Rollback_HalfWrittenEntry_IsDropped()
    {
        var (sink, context) = RecordingSink.Create();
        context.Reply.Begin("DIR_LIST_REP");
        context.Reply.BeginArray(FieldNames.DirectoryList);
        context.Reply.Item("kept");
        EventMark mark = context.Reply.Mark();
        context.Reply.Item("dropped");
        context.Reply.Rollback(mark);
        context.Reply.EndArray();
        context.Reply.Field(FieldNames.Truncated, true);
        context.Reply.End(0);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("DIRECTORY_LIST").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "kept" }));
    }
    [Test]
    public void ListingCutAtTheCap_EveryEndingOffset_TrailerFitsAndEventStaysUnderTheCap()
    {
        // Entries of varying sizes stop at every distance from the cap, the last ones within a few bytes of it: the
        // fields after the cut list (TRUNCATED, SKIPPED_COUNT, ERROR, ERROR_MESSAGE) must still fit.
        for (int cap = 8192; cap < 8192 + 300; cap += 7)
        {
            var (sink, context) = RecordingSink.Create();
            EventBuilder reply = context.Reply;
            reply.MaxEventBytes = cap;
            reply.Begin("DIR_LIST_REP");
            reply.BeginArray(FieldNames.DirectoryList);
            int written = 0;
            for (int n = 0; n < 10_000; n++)
            {
                EventMark mark = reply.Mark();
                try
                {
                    reply.BeginMapItem();
                    reply.Field(FieldNames.FilePath, new string('x', 1 + (n * 37 % 90)));
                    reply.Field(FieldNames.Size, (long)n);
                    reply.EndMap();
                    written++;
                }
                catch (EventTooLargeException)
                {
                    reply.Rollback(mark);
                    break;
                }
            }

            reply.EndArray();
            reply.Field(FieldNames.Truncated, true);
            reply.Field(FieldNames.SkippedCount, 10_000L - written);
            reply.End(0, "the listing reached the reply's size cap");

            Assert.That(sink.Raw.Single().Length, Is.LessThanOrEqualTo(cap), $"cap {cap}");
            JsonElement ev = sink.Single();
            Assert.That(ev.GetProperty("DIRECTORY_LIST").GetArrayLength(), Is.EqualTo(written), $"cap {cap}");
            Assert.That(ev.GetProperty("TRUNCATED").GetBoolean(), Is.True);
            Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.EqualTo(0));
        }
    }

    [Test]
    public void PooledBufferWriter_NearTheCap_HandsOutOnlyWhatFitsAndRefusesMore()
    {
        using var buffer = new PooledBufferWriter(1024) { MaxCapacity = 1000 };
        buffer.Advance(buffer.GetSpan(900).Length >= 900 ? 900 : throw new AssertionException("no room for 900"));
        // No hint near the cap: some room, never past the cap.
        Span<byte> rest = buffer.GetSpan();
        Assert.That(rest.Length, Is.EqualTo(100));
        Assert.Throws<EventTooLargeException>(() => buffer.GetSpan(101));
        buffer.Advance(100);
        Assert.Throws<EventTooLargeException>(() => buffer.GetSpan());
        Assert.That(buffer.WrittenCount, Is.EqualTo(1000));
    }
}
