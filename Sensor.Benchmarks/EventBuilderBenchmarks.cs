using BenchmarkDotNet.Attributes;
using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Benchmarks;

/// <summary>Writing a 1,000-entry listing into the pooled event buffer: allocations per event stay constant.</summary>
[MemoryDiagnoser]
public class EventBuilderBenchmarks
{
    private readonly CommandContext _context = new(new NullSink(), new RoutingInfo { Hostname = "bench" }, Platform.OsFamily.Linux);

    [Benchmark]
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

    private sealed class NullSink : IEventSink
    {
        public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack)
        {
        }

        public void Help(CommandDescriptor command)
        {
        }
    }
}
