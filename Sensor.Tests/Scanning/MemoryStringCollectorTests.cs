using System.Text;
using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Tests.Scanning;

/// <summary>A real child's memory, read with and without the read-ahead thread, against the reference extractors.</summary>
[Platform("Linux")]
public sealed class MemoryStringCollectorTests
{
    [Test]
    public void CollectProcess_WithAndWithoutReadAhead_SameStringsAsReference()
    {
        using var child = new SecretChild();
        List<(ulong, string, bool)> expected = Reference(child.Pid);
        foreach (bool readAhead in new[] { true, false })
        {
            var sink = new RecordingSink();
            var collector = new MemoryStringCollector(sink) { UseReadAhead = readAhead };
            ScanStopReason stop;
            using (collector.Reader)
            {
                stop = collector.CollectProcess(child.Pid, MemoryScanOptions.Default);
            }

            Assert.That(stop, Is.EqualTo(ScanStopReason.Completed));
            Assert.That(sink.Found, Is.EqualTo(expected), $"read-ahead: {readAhead}");
            Assert.That(collector.RegionsSkipped, Is.EqualTo(collector.Reader.RegionsSkipped));
        }

        Assert.That(expected, Has.Some.EqualTo((child.AddressOf("U"), SecretChild.SecretU, false)));
        Assert.That(expected, Has.Some.EqualTo((child.AddressOf("W"), SecretChild.SecretW, true)));
    }

    [Test]
    public void CollectProcess_SinkRefusesPartWay_StopsWithHitCapAndTheSamePrefix([Values(true, false)] bool readAhead)
    {
        using var child = new SecretChild();
        List<(ulong, string, bool)> expected = Reference(child.Pid);
        int limit = expected.Count / 2;
        var sink = new RecordingSink { Limit = limit };
        var collector = new MemoryStringCollector(sink) { UseReadAhead = readAhead };
        ScanStopReason stop;
        using (collector.Reader)
        {
            stop = collector.CollectProcess(child.Pid, MemoryScanOptions.Default);
        }

        Assert.That(stop, Is.EqualTo(ScanStopReason.HitCap));
        Assert.That(sink.Found, Is.EqualTo(expected.Take(limit)));
        Assert.That(collector.Active, Is.False);
    }

    /// <summary>The strings the per-stream extractors find in the same blocks.</summary>
    private static List<(ulong, string, bool)> Reference(int pid)
    {
        var sink = new RecordingSink();
        var reference = new ReferenceStringCollector(sink);
        using var reader = new MemoryBlockReader();
        Assert.That(reader.Begin(pid, MemoryScanOptions.Default, overlap: 1), Is.Zero);
        while (reader.ReadNext(out MemoryBlock block))
        {
            reference.Feed(block.Address, block.Bytes);
        }

        reference.Flush();
        Assert.That(sink.Found, Has.Count.GreaterThan(100));
        return sink.Found;
    }

    private sealed class RecordingSink : IStringRunSink
    {
        public List<(ulong, string, bool)> Found { get; } = [];

        public int Limit { get; init; } = int.MaxValue;

        public bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide)
        {
            if (Found.Count >= Limit)
            {
                return false;
            }

            Found.Add((address, Encoding.ASCII.GetString(ascii), wide));
            return true;
        }
    }
}
