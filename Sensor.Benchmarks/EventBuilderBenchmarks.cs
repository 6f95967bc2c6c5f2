using BenchmarkDotNet.Attributes;
using MessagePack;
using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Benchmarks;

/// <summary>
/// Writing a 1,000-entry listing into the pooled event buffer: allocations per event stay constant. Baseline: the
/// field-by-field API (a MessagePackWriter per field); against it one writer per entry
/// (<see cref="EventBuilder.BeginMapItem(int)"/>).
/// </summary>
[MemoryDiagnoser]
public class EventBuilderBenchmarks
{
    private readonly CommandContext _context = new(new NullEventSink(), new RoutingInfo { Hostname = "bench" }, Platform.OsFamily.Linux);

    [Benchmark(Baseline = true)]
    public void ThousandEntryListing()
    {
        EventBuilder reply = _context.Reply;
        reply.Begin("DIR_LIST_REP");
        reply.BeginArray(FieldNames.DirectoryList);
        for (int i = 0; i < 1000; i++)
        {
            reply.BeginMapItem();
            reply.FieldUtf8(FieldNames.FileName, "some-file-name.txt"u8);
            reply.FieldUtf8(FieldNames.FilePath, "/var/lib/some/where/some-file-name.txt"u8);
            reply.Field(FieldNames.FileSize, (long)i);
            reply.Field(FieldNames.ModificationTime, 1_700_000_000_000L + i);
            reply.EndMap();
        }

        reply.EndArray();
        reply.End(0);
    }

    [Benchmark]
    public void ThousandEntryListingOneWriterPerEntry()
    {
        EventBuilder reply = _context.Reply;
        reply.Begin("DIR_LIST_REP");
        reply.BeginArray(FieldNames.DirectoryList);
        for (int i = 0; i < 1000; i++)
        {
            MessagePackWriter entry = reply.BeginMapItem(4);
            entry.WriteString(FieldNames.FileName);
            entry.WriteString("some-file-name.txt"u8);
            entry.WriteString(FieldNames.FilePath);
            entry.WriteString("/var/lib/some/where/some-file-name.txt"u8);
            entry.WriteString(FieldNames.FileSize);
            entry.Write((long)i);
            entry.WriteString(FieldNames.ModificationTime);
            entry.Write(1_700_000_000_000L + i);
            EventBuilder.EndMapItem(ref entry);
        }

        reply.EndArray();
        reply.End(0);
    }
}
