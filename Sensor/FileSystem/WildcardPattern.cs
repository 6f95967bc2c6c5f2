namespace Sensor.FileSystem;

/// <summary>
/// The file-name expressions of dir_list and dir_find_hash: <c>*</c> any run of bytes (a leading dot included, as
/// <c>find -name</c>), <c>?</c> exactly one character, everything else literal. Matching is on UTF-8 bytes, so names
/// that are not valid UTF-8 still match; <c>?</c> consumes one whole UTF-8 sequence.
/// </summary>
public static class WildcardPattern
{
    /// <summary>True when the expression matches every name (<c>*</c>): the walker then skips the match call.</summary>
    public static bool MatchesEverything(ReadOnlySpan<byte> pattern) => pattern.Length == 1 && pattern[0] == (byte)'*';

    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> name)
    {
        // Iterative glob with one backtrack point (the last '*'): linear in practice, never exponential.
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == (byte)'*')
            {
                starP = p++;
                starN = n;
            }
            else if (p < pattern.Length && pattern[p] == (byte)'?')
            {
                p++;
                n = Math.Min(name.Length, n + SequenceLength(name[n]));
            }
            else if (p < pattern.Length && pattern[p] == name[n])
            {
                p++;
                n++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                starN = Math.Min(name.Length, starN + SequenceLength(name[starN]));
                n = starN;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == (byte)'*')
        {
            p++;
        }

        return p == pattern.Length && n == name.Length;
    }

    // Lead byte → length of its UTF-8 sequence; stray continuation or invalid bytes count as one.
    private static int SequenceLength(byte lead) => lead switch
    {
        < 0xc2 => 1,
        < 0xe0 => 2,
        < 0xf0 => 3,
        < 0xf5 => 4,
        _ => 1,
    };
}
