namespace Sensor.FileSystem;

/// <summary>
/// The file-name expressions of dir_list and dir_find_hash: <c>*</c> any run of bytes (a leading dot included, as
/// <c>find -name</c>), <c>?</c> exactly one character, everything else literal. Matching is on UTF-8 bytes, so names
/// that are not valid UTF-8 still match; <c>?</c> consumes one whole UTF-8 sequence (one byte of a malformed one).
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
                n += CharacterLength(name[n..]);
            }
            else if (p < pattern.Length && pattern[p] == name[n])
            {
                p++;
                n++;
            }
            else if (starP >= 0)
            {
                // Retry with '*' taking one more character (one byte of a malformed sequence, so a stray lead byte
                // cannot swallow the ASCII after it).
                p = starP + 1;
                starN += CharacterLength(name[starN..]);
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

    /// <summary>
    /// The bytes '?' consumes at the start of <paramref name="name"/>: one whole UTF-8 sequence, or one byte where the
    /// bytes are not a well-formed sequence (a stray continuation byte, a lead byte without its continuations).
    /// </summary>
    private static int CharacterLength(ReadOnlySpan<byte> name)
    {
        int expected = name[0] switch
        {
            < 0xc2 => 1,
            < 0xe0 => 2,
            < 0xf0 => 3,
            < 0xf5 => 4,
            _ => 1,
        };
        if (expected > name.Length)
        {
            return 1;
        }

        for (int i = 1; i < expected; i++)
        {
            if ((name[i] & 0xc0) != 0x80)
            {
                return 1;
            }
        }

        return expected;
    }
}
