using System.Buffers.Text;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>
/// Parses <c>/proc/PID/maps</c>: <c>start-end perms offset major:minor inode   path</c>, numbers in hex except the
/// inode. The path runs to the end of the line and may hold spaces and a " (deleted)" suffix.
/// </summary>
public static class ProcMapsParser
{
    /// <summary>Splits off the first line of <paramref name="text"/>; false when nothing is left.</summary>
    public static bool NextLine(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> line)
    {
        if (text.IsEmpty)
        {
            line = default;
            return false;
        }

        int end = text.IndexOf((byte)'\n');
        line = end < 0 ? text : text[..end];
        text = end < 0 ? default : text[(end + 1)..];
        return true;
    }

    /// <summary>False for a malformed line (never throws).</summary>
    public static bool TryParseLine(ReadOnlySpan<byte> line, out MapsEntry entry)
    {
        entry = default;
        if (!Utf8Parser.TryParse(line, out ulong start, out int used, 'x') || used >= line.Length || line[used] != '-')
        {
            return false;
        }

        line = line[(used + 1)..];
        if (!Utf8Parser.TryParse(line, out ulong end, out used, 'x') || used + 5 >= line.Length || line[used] != ' ')
        {
            return false;
        }

        ReadOnlySpan<byte> perms = line.Slice(used + 1, 4);
        line = line[(used + 6)..];
        if (!Utf8Parser.TryParse(line, out ulong offset, out used, 'x') || used >= line.Length)
        {
            return false;
        }

        line = line[(used + 1)..];
        if (!Utf8Parser.TryParse(line, out uint major, out used, 'x') || used >= line.Length || line[used] != ':')
        {
            return false;
        }

        line = line[(used + 1)..];
        if (!Utf8Parser.TryParse(line, out uint minor, out used, 'x') || used >= line.Length)
        {
            return false;
        }

        line = line[(used + 1)..];
        if (!Utf8Parser.TryParse(line, out ulong inode, out used))
        {
            return false;
        }

        ReadOnlySpan<byte> path = line[used..].TrimStart((byte)' ');
        entry = new MapsEntry
        {
            Start = start,
            End = end,
            Read = perms[0] == 'r',
            Write = perms[1] == 'w',
            Execute = perms[2] == 'x',
            Shared = perms[3] == 's',
            Offset = offset,
            DeviceMajor = major,
            DeviceMinor = minor,
            Inode = inode,
            Path = path,
        };
        return end >= start;
    }
}
