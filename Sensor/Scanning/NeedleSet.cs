using System.Text;

namespace Sensor.Scanning;

/// <summary>
/// The byte patterns searched for a list of strings: each string as ASCII/UTF-8 bytes and as UTF-16LE, so pattern
/// <c>2 * i</c> is string i in 8-bit form and <c>2 * i + 1</c> its UTF-16LE form. Built once per scan.
/// </summary>
public sealed class NeedleSet
{
    /// <summary>Longest string accepted (characters); its UTF-16LE form sets the chunk overlap.</summary>
    public const int MaxNeedleCharacters = 256;

    /// <summary>Most strings in one search.</summary>
    public const int MaxNeedles = 64;

    public NeedleSet(IReadOnlyList<string> needles)
    {
        if (needles.Count == 0 || needles.Count > MaxNeedles)
        {
            throw new ArgumentException($"between 1 and {MaxNeedles} strings are needed", nameof(needles));
        }

        Needles = [.. needles];
        Patterns = new byte[needles.Count * 2][];
        for (int i = 0; i < needles.Count; i++)
        {
            string s = needles[i];
            if (s.Length == 0 || s.Length > MaxNeedleCharacters)
            {
                throw new ArgumentException($"a string must have 1 to {MaxNeedleCharacters} characters", nameof(needles));
            }

            Patterns[2 * i] = Encoding.UTF8.GetBytes(s);
            Patterns[(2 * i) + 1] = Encoding.Unicode.GetBytes(s);
        }

        foreach (byte[] p in Patterns)
        {
            MaxPatternLength = Math.Max(MaxPatternLength, p.Length);
        }
    }

    public string[] Needles { get; }

    /// <summary>Pattern <c>2i</c>: string i as UTF-8 (ASCII); <c>2i+1</c>: as UTF-16LE.</summary>
    public byte[][] Patterns { get; }

    public int MaxPatternLength { get; }

    /// <summary>The bytes a chunk must carry over from the previous one so a straddling match is seen whole.</summary>
    public int Overlap => MaxPatternLength - 1;

    public static int NeedleOf(int patternIndex) => patternIndex >> 1;

    public static bool IsWide(int patternIndex) => (patternIndex & 1) != 0;
}
