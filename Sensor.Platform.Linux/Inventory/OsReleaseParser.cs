using System.Text;

namespace Sensor.Platform.Linux.Inventory;

/// <summary>
/// Reads <c>os-release(5)</c>: <c>KEY=value</c> lines, values optionally in single or double quotes with backslash
/// escapes inside double quotes, <c>#</c> comments.
/// </summary>
public static class OsReleaseParser
{
    /// <summary>The value of <paramref name="key"/>, unquoted; null when absent.</summary>
    public static string? GetValue(ReadOnlySpan<byte> content, ReadOnlySpan<byte> key)
    {
        foreach (Range lineRange in content.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = content[lineRange].Trim(" \t\r"u8);
            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            int equals = line.IndexOf((byte)'=');
            if (equals <= 0 || !line[..equals].SequenceEqual(key))
            {
                continue;
            }

            return Unquote(line[(equals + 1)..]);
        }

        return null;
    }

    private static string Unquote(ReadOnlySpan<byte> value)
    {
        if (value.Length >= 2 && value[0] == (byte)'\'' && value[^1] == (byte)'\'')
        {
            return Encoding.UTF8.GetString(value[1..^1]);
        }

        if (value.Length >= 2 && value[0] == (byte)'"' && value[^1] == (byte)'"')
        {
            value = value[1..^1];
            if (value.IndexOf((byte)'\\') < 0)
            {
                return Encoding.UTF8.GetString(value);
            }

            var unescaped = new byte[value.Length];
            int length = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == (byte)'\\' && i + 1 < value.Length)
                {
                    i++;
                }

                unescaped[length++] = value[i];
            }

            return Encoding.UTF8.GetString(unescaped, 0, length);
        }

        return Encoding.UTF8.GetString(value);
    }
}
