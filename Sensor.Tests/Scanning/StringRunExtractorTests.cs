using System.Text;
using Sensor.Scanning;

namespace Sensor.Tests.Scanning;

public sealed class StringRunExtractorTests
{
    [Test]
    public void Feed_RandomChunking_MatchesNaiveExtraction([Values(1, 2, 3, 4)] int seed)
    {
        var random = new Random(seed);
        byte[] data = new byte[200_000];
        random.NextBytes(data);
        // Text-like stretches: long runs (over 128), wide runs at both parities, runs right at the edges.
        Encoding.ASCII.GetBytes(new string('x', 300)).CopyTo(data, 5000);
        Encoding.Unicode.GetBytes("wide string here").CopyTo(data, 7001);
        Encoding.Unicode.GetBytes("another wide one").CopyTo(data, 9000);
        Encoding.ASCII.GetBytes("START").CopyTo(data, 0);
        Encoding.ASCII.GetBytes("the end").CopyTo(data, data.Length - 7);
        // Non-printable guards so the planted runs start where they were planted.
        data[4999] = data[5300] = data[6999] = data[7000] = data[5] = 1;
        for (int i = 20_000; i < 60_000; i++)
        {
            data[i] = (byte)(random.Next(4) == 0 ? 0 : random.Next(0x20, 0x7f));
        }

        ulong baseAddress = 0x10000;
        var whole = new RecordingRunSink();
        var collector = new MemoryStringCollector(whole);
        collector.Feed(baseAddress, data);
        collector.Flush();

        // The same bytes in random chunks that overlap by one byte, as the block reader delivers them.
        var chunked = new RecordingRunSink();
        collector = new MemoryStringCollector(chunked);
        int at = 0;
        while (at < data.Length)
        {
            int start = Math.Max(0, at - 1);
            int end = Math.Min(data.Length, at + random.Next(1, 5000));
            collector.Feed(baseAddress + (ulong)start, data.AsSpan(start, end - start));
            at = end;
        }

        collector.Flush();
        List<(ulong, string, bool)> expected = Naive(data, baseAddress);
        Assert.That(Sorted(whole.Found), Is.EqualTo(expected));
        Assert.That(Sorted(chunked.Found), Is.EqualTo(expected));
        Assert.That(expected, Has.Some.EqualTo((baseAddress + 5000, new string('x', 128), false)));
        Assert.That(expected, Has.Some.EqualTo((baseAddress + 7001, "wide string here", true)));
        Assert.That(expected, Has.Some.EqualTo((baseAddress, "START", false)));
    }

    [Test]
    public void Feed_SinkRefuses_Stops()
    {
        var sink = new RecordingRunSink { Limit = 2 };
        var collector = new MemoryStringCollector(sink);
        collector.Feed(0, Encoding.ASCII.GetBytes("hello\0world\0again\0more!\0"));
        collector.Flush();
        Assert.That(sink.Found, Has.Count.EqualTo(2));
    }

    private static List<(ulong, string, bool)> Sorted(List<(ulong, string, bool)> list) =>
        [.. list.OrderBy(s => s.Item3).ThenBy(s => s.Item1)];

    private static List<(ulong, string, bool)> Naive(byte[] data, ulong baseAddress)
    {
        static bool Printable(int c) => (c >= 0x20 && c <= 0x7e) || c == 9;
        var found = new List<(ulong, string, bool)>();
        for (int i = 0; i < data.Length;)
        {
            int j = i;
            while (j < data.Length && Printable(data[j]))
            {
                j++;
            }

            if (j - i >= 5)
            {
                found.Add((baseAddress + (ulong)i, Encoding.ASCII.GetString(data, i, Math.Min(j - i, 128)), false));
            }

            i = j == i ? i + 1 : j;
        }

        for (int parity = 0; parity < 2; parity++)
        {
            for (int i = parity; i + 1 < data.Length;)
            {
                int j = i;
                var text = new StringBuilder();
                while (j + 1 < data.Length && Printable(data[j]) && data[j + 1] == 0)
                {
                    if (text.Length < 128)
                    {
                        text.Append((char)data[j]);
                    }

                    j += 2;
                }

                if ((j - i) / 2 >= 5)
                {
                    found.Add((baseAddress + (ulong)i, text.ToString(), true));
                }

                i = j == i ? i + 2 : j;
            }
        }

        return Sorted(found);
    }

    private sealed class RecordingRunSink : IStringRunSink
    {
        public List<(ulong, string, bool)> Found { get; } = [];

        public int Limit { get; init; } = int.MaxValue;

        public bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide)
        {
            Found.Add((address, Encoding.ASCII.GetString(ascii), wide));
            return Found.Count < Limit;
        }
    }
}
