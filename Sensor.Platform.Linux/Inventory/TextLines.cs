using System.Text;

namespace Sensor.Platform.Linux.Inventory;

/// <summary>Small helpers shared by the configuration-file parsers.</summary>
internal static class TextLines
{
    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The <paramref name="index"/>-th field of a <paramref name="separator"/>-separated line, or empty.</summary>
    public static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, byte separator, int index)
    {
        for (int i = 0; i < index; i++)
        {
            int next = line.IndexOf(separator);
            if (next < 0)
            {
                return default;
            }

            line = line[(next + 1)..];
        }

        int end = line.IndexOf(separator);
        return end < 0 ? line : line[..end];
    }

    public static long ParseLong(ReadOnlySpan<byte> text, long fallback = -1) =>
        System.Buffers.Text.Utf8Parser.TryParse(text, out long value, out int consumed) && consumed == text.Length ? value : fallback;
}
