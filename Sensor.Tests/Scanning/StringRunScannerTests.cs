using System.Text;
using Sensor.Scanning;
using Sensor.Tests.Support;

namespace Sensor.Tests.Scanning;

/// <summary>
/// The one-pass scanner against the per-stream extractors it replaced (<see cref="ReferenceStringRunExtractor{T}"/>):
/// the same strings in the same order, for every variant this CPU runs, on memory of several kinds cut into blocks the
/// way the reader cuts them and in stranger ways (gaps, repeated ranges, odd addresses, tiny blocks).
/// </summary>
[TestFixtureSource(nameof(Variants))]
public sealed class StringRunScannerTests(ScanVariant variant)
{
    public static IEnumerable<ScanVariant> Variants() => StringRunScanner.SupportedVariants();

    public enum Memory
    {
        Random,
        TextLike,
        Utf16Heavy,
        AllPrintable,
        AllZero,
        WideEverywhere,
    }

    public enum Chunking
    {
        Whole,
        ReaderOverlap,
        GapsAndRepeats,
        Tiny,
    }

    [Test]
    public void Scan_ManyShapes_SameStringsInSameOrderAsReference(
        [Values] Memory memory, [Values] Chunking chunking, [Values(1, 2)] int seed, [Values(0x10000UL, 0x7f0000000001UL)] ulong baseAddress)
    {
        var random = new Random(seed * 31 + (int)memory);
        byte[] data = Make(memory, random, 150_000 + random.Next(200));
        List<(ulong Address, int Length)> blocks = Blocks(chunking, random, data.Length);

        var expected = new RecordingSink();
        var reference = new ReferenceStringCollector(expected);
        var actual = new RecordingSink();
        var collector = new MemoryStringCollector(actual, scanner: new StringRunScanner(variant));
        foreach ((ulong offset, int length) in blocks)
        {
            reference.Feed(baseAddress + offset, data.AsSpan((int)offset, length));
            collector.Feed(baseAddress + offset, data.AsSpan((int)offset, length));
        }

        reference.Flush();
        collector.Flush();
        Assert.That(actual.Found, Is.EqualTo(expected.Found));
        if (memory is Memory.TextLike or Memory.Utf16Heavy)
        {
            Assert.That(expected.Found, Has.Count.GreaterThan(100));
        }
    }

    [Test]
    public void Scan_SinkRefusesPartWay_DeliversTheSamePrefix([Values(0, 1, 7, 300, 2000)] int limit, [Values] Memory memory)
    {
        var random = new Random(limit + 5);
        byte[] data = Make(memory, random, 120_000);
        var expected = new RecordingSink { Limit = limit };
        var reference = new ReferenceStringCollector(expected);
        var actual = new RecordingSink { Limit = limit };
        var collector = new MemoryStringCollector(actual, scanner: new StringRunScanner(variant));
        foreach ((ulong offset, int length) in Blocks(Chunking.ReaderOverlap, random, data.Length))
        {
            reference.Feed(offset, data.AsSpan((int)offset, length));
            collector.Feed(offset, data.AsSpan((int)offset, length));
        }

        reference.Flush();
        collector.Flush();
        Assert.That(actual.Found, Is.EqualTo(expected.Found));
        Assert.That(collector.Active, Is.EqualTo(reference.Active));
    }

    [Test]
    public void Scan_RunsAtEveryOffsetAndLength_MatchReference()
    {
        // Every start offset in two windows and every length around the 5-character minimum and the window size.
        var expected = new RecordingSink();
        var reference = new ReferenceStringCollector(expected);
        var actual = new RecordingSink();
        var collector = new MemoryStringCollector(actual, scanner: new StringRunScanner(variant));
        ulong address = 0;
        foreach (int length in new[] { 1, 4, 5, 6, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200 })
        {
            for (int offset = 0; offset < 130; offset++)
            {
                byte[] block = new byte[offset + length + 70];
                Array.Fill(block, (byte)'x', offset, length);
                if (length > 2)
                {
                    block[offset + 1] = 9; // tab counts as printable
                }

                byte[] wide = Encoding.Unicode.GetBytes(new string('w', length));
                byte[] both = [.. block, .. wide, 1, 1, .. block];
                reference.Feed(address, both);
                collector.Feed(address, both);
                address += (ulong)both.Length + (ulong)(offset % 3); // contiguous or not
            }
        }

        reference.Flush();
        collector.Flush();
        Assert.That(actual.Found, Is.EqualTo(expected.Found));
    }

    private static byte[] Make(Memory memory, Random random, int size)
    {
        byte[] data = new byte[size];
        switch (memory)
        {
            case Memory.Random:
                random.NextBytes(data);
                break;
            case Memory.AllPrintable:
                Array.Fill(data, (byte)'p');
                break;
            case Memory.AllZero:
                break;
            case Memory.WideEverywhere:
                for (int i = 0; i + 1 < size; i += 2)
                {
                    data[i] = (byte)random.Next(0x20, 0x7f);
                }

                break;
            case Memory.TextLike:
            case Memory.Utf16Heavy:
                random.NextBytes(data);
                for (int at = 0; at < size;)
                {
                    int length = random.Next(3) == 0 ? random.Next(1, 12) : random.Next(1, 300);
                    bool wide = memory == Memory.Utf16Heavy && random.Next(3) != 0;
                    for (int k = 0; k < length && at + 1 < size; k++)
                    {
                        data[at++] = random.Next(20) == 0 ? (byte)9 : (byte)random.Next(0x20, 0x7f);
                        if (wide)
                        {
                            data[at++] = 0;
                        }
                    }

                    at += random.Next(1, 40); // random bytes between the runs
                    if (random.Next(2) == 0 && at < size)
                    {
                        data[at++] = (byte)random.Next(0, 0x20);
                    }
                }

                break;
        }

        return data;
    }

    /// <summary>(offset, length) of each block fed, in order.</summary>
    private static List<(ulong, int)> Blocks(Chunking chunking, Random random, int size)
    {
        var blocks = new List<(ulong, int)>();
        switch (chunking)
        {
            case Chunking.Whole:
                blocks.Add((0, size));
                break;
            case Chunking.ReaderOverlap:
            case Chunking.Tiny:
                int max = chunking == Chunking.Tiny ? 80 : 9000;
                for (int at = 0; at < size;)
                {
                    int start = Math.Max(0, at - 1);
                    int end = Math.Min(size, at + random.Next(1, max));
                    blocks.Add(((ulong)start, end - start));
                    at = end;
                }

                break;
            case Chunking.GapsAndRepeats:
                for (int at = 0; at < size;)
                {
                    int start = Math.Max(0, at - random.Next(0, 12)); // a repeat of up to 11 bytes
                    int end = Math.Min(size, at + random.Next(1, 5000));
                    blocks.Add(((ulong)start, end - start));
                    at = end + (random.Next(4) == 0 ? random.Next(1, 9) : 0); // sometimes a gap
                }

                break;
        }

        return blocks;
    }

    private sealed class RecordingSink : IStringRunSink
    {
        public List<(ulong, string, bool)> Found { get; } = [];

        public int Limit { get; init; } = int.MaxValue;

        public int Refusals { get; private set; }

        public bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide)
        {
            // After the first refusal nothing more is taken (the old collector kept offering the other streams' strings).
            if (Refusals > 0 || Found.Count >= Limit)
            {
                Refusals++;
                return false;
            }

            Found.Add((address, Encoding.ASCII.GetString(ascii), wide));
            return true;
        }
    }
}
