namespace Sensor.Platform.Linux.Inventory;

/// <summary>
/// Reads systemd unit files (<c>systemd.syntax(7)</c>): <c>[Section]</c> headers, <c>Key=value</c> lines, <c>#</c>/<c>;</c>
/// comments, backslash line continuations.
/// </summary>
public static class UnitFileParser
{
    /// <summary>
    /// The value of <paramref name="key"/> in <paramref name="section"/>, or null: the last assignment, or with
    /// <paramref name="first"/> the first of a list (ExecStart=), where an empty assignment empties the list.
    /// </summary>
    public static string? GetValue(ReadOnlySpan<byte> unit, ReadOnlySpan<byte> section, ReadOnlySpan<byte> key, bool first = false)
    {
        string? found = null;
        bool inSection = false;
        foreach (Range range in unit.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = unit[range].Trim(" \t\r"u8);
            if (line.IsEmpty || line[0] is (byte)'#' or (byte)';')
            {
                continue;
            }

            if (line[0] == (byte)'[')
            {
                inSection = line.Length == section.Length + 2 && line[1..^1].SequenceEqual(section) && line[^1] == (byte)']';
                continue;
            }

            int equals = line.IndexOf((byte)'=');
            if (!inSection || equals <= 0 || !line[..equals].TrimEnd(" \t"u8).SequenceEqual(key))
            {
                continue;
            }

            ReadOnlySpan<byte> value = line[(equals + 1)..].Trim(" \t"u8);
            if (value.EndsWith("\\"u8))
            {
                value = value[..^1].TrimEnd(" \t"u8); // continuation: the first line names the program
            }

            if (value.IsEmpty)
            {
                found = null; // an empty assignment resets the list
                continue;
            }

            if (!first || found is null)
            {
                found = TextLines.Utf8(value);
            }
        }

        return found;
    }

    /// <summary>Whether the unit has an <c>[Install]</c> section with WantedBy=, RequiredBy=, Alias= or Also=.</summary>
    public static bool IsInstallable(ReadOnlySpan<byte> unit) =>
        GetValue(unit, "Install"u8, "WantedBy"u8) is not null || GetValue(unit, "Install"u8, "RequiredBy"u8) is not null
        || GetValue(unit, "Install"u8, "Alias"u8) is not null || GetValue(unit, "Install"u8, "Also"u8) is not null;

    /// <summary>
    /// The program of an <c>ExecStart=</c> value: the special prefixes (<c>@ - : + !</c>) dropped, the first word,
    /// unquoted.
    /// </summary>
    public static string ProgramOf(string execStart)
    {
        ReadOnlySpan<char> value = execStart.AsSpan().TrimStart("@-:+! \t");
        if (value.IsEmpty)
        {
            return "";
        }

        if (value[0] is '"' or '\'')
        {
            int close = value[1..].IndexOf(value[0]);
            return close < 0 ? value[1..].ToString() : value.Slice(1, close).ToString();
        }

        int space = value.IndexOfAny(' ', '\t');
        return (space < 0 ? value : value[..space]).ToString();
    }
}
