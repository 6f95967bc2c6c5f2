using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MessagePack;
using Sensor.Commands;
using Sensor.Events;

namespace Sensor.Benchmarks;

/// <summary>
/// <c>sensor exec</c>'s output path: one event rendered from MessagePack to JSON. Baseline: MessagePackReader and
/// <see cref="Utf8JsonWriter"/> with relaxed escaping (the renderer before, still the server's path); against it the
/// span transcoder that writes the same bytes. Events: mem_strings' (100,000 short strings, about one in six with a
/// character to escape) and dir_list's (1,000 entries of four fields).
/// </summary>
[MemoryDiagnoser]
public class EventJsonRendererBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(16 << 20);
    private byte[] _event = [];
    private Utf8JsonWriter _json = null!;

    [Params("mem_strings", "dir_list")]
    public string Event { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var sink = new CapturingSink();
        var context = new CommandContext(sink, new RoutingInfo { Hostname = "bench" }, Platform.OsFamily.Linux);
        EventBuilder reply = context.Reply;
        if (Event == "mem_strings")
        {
            (byte[] text, int[] lengths) = BenchmarkStrings.Create(100_000, seed: 2);
            reply.Begin("MEM_STRINGS_REP");
            reply.BeginArray(FieldNames.Stringsa);
            MessagePackWriter writer = reply.BeginItems();
            int at = 0;
            foreach (int length in lengths)
            {
                writer.WriteString(text.AsSpan(at, length));
                at += length;
            }

            reply.EndItems(ref writer, lengths.Length);
            reply.EndArray();
        }
        else
        {
            reply.Begin("DIR_LIST_REP");
            reply.BeginArray(FieldNames.DirectoryList);
            for (int i = 0; i < 1000; i++)
            {
                reply.BeginMapItem();
                reply.FieldUtf8(FieldNames.FileName, "some-file-name.txt"u8);
                reply.FieldUtf8(FieldNames.FilePath, "/var/lib/some/where/some-file-name.txt"u8);
                reply.Field(FieldNames.FileSize, (long)i * 4099);
                reply.Field(FieldNames.ModificationTime, 1_700_000_000_000L + i);
                reply.EndMap();
            }

            reply.EndArray();
        }

        reply.End(0);
        _event = sink.Last;
        _json = new Utf8JsonWriter(_output, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Benchmark(Baseline = true)]
    public int ReaderAndUtf8JsonWriter()
    {
        _output.ResetWrittenCount();
        _json.Reset(_output);
        EventJsonRenderer.Render(_event, _json);
        _json.Flush();
        return _output.WrittenCount;
    }

    [Benchmark]
    public int SpanTranscoder()
    {
        _output.ResetWrittenCount();
        EventJsonRenderer.Render(_event, _output);
        return _output.WrittenCount;
    }

    private sealed class CapturingSink : IEventSink
    {
        public byte[] Last { get; private set; } = [];

        public void Publish(in EventSummary summary, ReadOnlySpan<byte> messagePack) => Last = messagePack.ToArray();

        public void Help(CommandDescriptor command)
        {
        }
    }
}
