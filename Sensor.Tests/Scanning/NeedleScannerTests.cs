using System.Text;
using Sensor.Scanning;

namespace Sensor.Tests.Scanning;

/// <summary>Every test runs against every scanner variant this CPU supports.</summary>
[TestFixtureSource(nameof(Variants))]
public sealed class NeedleScannerTests(ScanVariant variant)
{
    public static IEnumerable<ScanVariant> Variants() => NeedleScanner.SupportedVariants();

    // Set 0 has one- and two-byte patterns (the pair filter); set 1 only long ones (AVX2 uses the Teddy filter), and
    // more than 8 patterns so buckets are shared.
    private static readonly string[][] NeedleSets =
    [
        ["ALPHA-needle-7f3a9c1e", "bravo_NEEDLE_55d0c2", "CharlieWideNeedle_9e1", "d", "xy"],
        ["ALPHA-needle-7f3a9c1e", "bravo_NEEDLE_55d0c2", "CharlieWideNeedle_9e1", "delta.wide.needle.42", "abc", "abd"],
    ];

    [Test]
    public void Scan_RandomDataWithPlantedPatterns_FindsExactlyWhatNaiveSearchFinds([Values(1, 2, 3)] int seed, [Values(0, 1)] int needleSet)
    {
        var set = new NeedleSet(NeedleSets[needleSet]);
        NeedleScanner scanner = NeedleScanner.Create(set, variant);
        Assert.That(scanner.Variant, Is.EqualTo(variant));
        var random = new Random(seed);
        byte[] data = new byte[(1 << 16) + random.Next(100)];
        random.NextBytes(data);
        // Plant every pattern at the very start, the very end, and random places (odd offsets included).
        for (int p = 0; p < set.Patterns.Length; p++)
        {
            byte[] pattern = set.Patterns[p];
            pattern.CopyTo(data, random.Next(data.Length - pattern.Length));
            pattern.CopyTo(data, random.Next(data.Length - pattern.Length) | 1);
        }

        set.Patterns[2].CopyTo(data, 0);
        set.Patterns[5].CopyTo(data, data.Length - set.Patterns[5].Length);

        var matches = new List<NeedleMatch>();
        Assert.That(scanner.Scan(data, 0, matches, int.MaxValue), Is.True);
        Assert.That(Sorted(matches), Is.EqualTo(Naive(data, set, 0)));
        Assert.That(matches, Has.Some.EqualTo(new NeedleMatch(0, 2)));
        Assert.That(matches, Has.Some.EqualTo(new NeedleMatch(data.Length - set.Patterns[5].Length, 5)));
    }

    [Test]
    public void Scan_MinEnd_SkipsMatchesInsideTheCarriedBytes()
    {
        var set = new NeedleSet(["needle", "x"]);
        NeedleScanner scanner = NeedleScanner.Create(set, variant);
        byte[] data = new byte[300];
        "needle"u8.CopyTo(data.AsSpan(10));   // ends at 16: inside 20 carried bytes
        "needle"u8.CopyTo(data.AsSpan(17));   // ends at 23: straddles the carry, reported
        "needle"u8.CopyTo(data.AsSpan(200));
        var matches = new List<NeedleMatch>();
        scanner.Scan(data, 20, matches, int.MaxValue);
        Assert.That(Sorted(matches).Select(m => m.Offset), Is.EqualTo(new[] { 17, 200 }));
    }

    [Test]
    public void Scan_MinEndLongPatternsOnly_SkipsMatchesInsideTheCarriedBytes()
    {
        var set = new NeedleSet(["needle"]);
        NeedleScanner scanner = NeedleScanner.Create(set, variant);
        byte[] data = new byte[300];
        "needle"u8.CopyTo(data.AsSpan(10));
        "needle"u8.CopyTo(data.AsSpan(17));
        "needle"u8.CopyTo(data.AsSpan(200));
        "needle"u8.CopyTo(data.AsSpan(294));
        var matches = new List<NeedleMatch>();
        scanner.Scan(data, 20, matches, int.MaxValue);
        Assert.That(Sorted(matches).Select(m => m.Offset), Is.EqualTo(new[] { 17, 200, 294 }));
    }

    [Test]
    public void Scan_HitCap_StopsAndReturnsFalse()
    {
        var set = new NeedleSet(["aaaa"]);
        NeedleScanner scanner = NeedleScanner.Create(set, variant);
        byte[] data = Encoding.ASCII.GetBytes(new string('a', 1000));
        var matches = new List<NeedleMatch>();
        Assert.That(scanner.Scan(data, 0, matches, 7), Is.False);
        Assert.That(matches, Has.Count.EqualTo(7));
    }

    [Test]
    public void Scan_WidePatternAtOddOffset_Found()
    {
        var set = new NeedleSet(["Wide"]);
        NeedleScanner scanner = NeedleScanner.Create(set, variant);
        byte[] data = new byte[4096];
        Encoding.Unicode.GetBytes("Wide").CopyTo(data, 1001);
        var matches = new List<NeedleMatch>();
        scanner.Scan(data, 0, matches, int.MaxValue);
        Assert.That(matches, Is.EqualTo(new[] { new NeedleMatch(1001, 1) }));
    }

    private static List<NeedleMatch> Sorted(List<NeedleMatch> matches) =>
        [.. matches.OrderBy(m => m.Offset).ThenBy(m => m.PatternIndex)];

    private static List<NeedleMatch> Naive(byte[] data, NeedleSet set, int minEnd)
    {
        var result = new List<NeedleMatch>();
        for (int i = 0; i < data.Length; i++)
        {
            for (int p = 0; p < set.Patterns.Length; p++)
            {
                byte[] pattern = set.Patterns[p];
                if (i + pattern.Length <= data.Length && i + pattern.Length > minEnd && data.AsSpan(i, pattern.Length).SequenceEqual(pattern))
                {
                    result.Add(new NeedleMatch(i, p));
                }
            }
        }

        return result;
    }
}
