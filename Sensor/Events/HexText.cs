namespace Sensor.Events;

/// <summary>Lowercase hex encoding into caller-provided buffers (hashes and atoms), without allocation.</summary>
public static class HexText
{
    private static ReadOnlySpan<byte> Digits => "0123456789abcdef"u8;

    public static void Encode(ReadOnlySpan<byte> value, Span<byte> utf8Hex)
    {
        ReadOnlySpan<byte> digits = Digits;
        for (int i = 0; i < value.Length; i++)
        {
            utf8Hex[2 * i] = digits[value[i] >> 4];
            utf8Hex[(2 * i) + 1] = digits[value[i] & 0xf];
        }
    }

    public static string ToString(ReadOnlySpan<byte> value) => Convert.ToHexStringLower(value);
}
