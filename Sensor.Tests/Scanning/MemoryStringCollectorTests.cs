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

    [Test]
    public void ExchangeBuffer_AfterEveryBlock_SameBlocksAsOneBuffer()
    {
        // The read-ahead's hand-over: the carried overlap must follow the reader into each new buffer.
        using var child = new SecretChild();
        var plain = new List<(ulong, int, byte[])>();
        using (var reader = new MemoryBlockReader())
        {
            Assert.That(reader.Begin(child.Pid, MemoryScanOptions.Default, overlap: 7), Is.Zero);
            while (reader.ReadNext(out MemoryBlock block))
            {
                plain.Add((block.Address, block.CarriedBytes, block.Bytes.ToArray()));
            }
        }

        var exchanged = new List<(ulong, int, byte[])>();
        using (var reader = new MemoryBlockReader())
        {
            Assert.That(reader.Begin(child.Pid, MemoryScanOptions.Default, overlap: 7), Is.Zero);
            byte[] spare = GC.AllocateUninitializedArray<byte>(MemoryScanOptions.Default.ChunkSize + MemoryBlockReader.MaxOverlap, pinned: true);
            while (reader.ReadNext(out MemoryBlock block))
            {
                int length = block.Bytes.Length;
                (ulong address, int carried) = (block.Address, block.CarriedBytes);
                byte[] used = reader.ExchangeBuffer(spare);
                exchanged.Add((address, carried, used.AsSpan(0, length).ToArray()));
                spare = used;
                spare.AsSpan().Fill(0xCC); // whatever the next exchange does not copy must not be read again
            }
        }

        Assert.That(exchanged, Has.Count.EqualTo(plain.Count));
        Assert.That(exchanged.Select(b => (b.Item1, b.Item2)), Is.EqualTo(plain.Select(b => (b.Item1, b.Item2))));
        Assert.That(exchanged.Zip(plain).All(p => p.First.Item3.AsSpan().SequenceEqual(p.Second.Item3)), Is.True);
        Assert.That(plain.Count(b => b.Item2 == 7), Is.GreaterThan(0), "some blocks carried an overlap");
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
