using System.Buffers.Text;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>Parses <c>/proc/PID/stat</c>. The command name sits in parentheses and may itself hold spaces and ')'.</summary>
public static class ProcStatParser
{
    /// <summary>False when the text does not have the shape of a stat line (never throws).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ProcStat stat, out ReadOnlySpan<byte> name)
    {
        stat = default;
        name = default;
        int open = text.IndexOf((byte)'(');
        int close = text.LastIndexOf((byte)')');
        if (open <= 0 || close < open || !Utf8Parser.TryParse(text[..(open - 1)], out stat.ProcessId, out _))
        {
            return false;
        }

        name = text[(open + 1)..close];
        ReadOnlySpan<byte> rest = text[(close + 1)..];
        // rest starts with " S ppid ...": field index 3 is the state.
        int field = 2;
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart((byte)' ');
            int end = rest.IndexOfAny((byte)' ', (byte)'\n');
            ReadOnlySpan<byte> token = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 1)..];
            if (token.IsEmpty)
            {
                break;
            }

            field++;
            switch (field)
            {
                case 3: stat.State = (char)token[0]; break;
                case 4: if (!Utf8Parser.TryParse(token, out stat.ParentProcessId, out _)) { return false; } break;
                case 9: Utf8Parser.TryParse(token, out stat.Flags, out _); break;
                case 20: Utf8Parser.TryParse(token, out stat.Threads, out _); break;
                case 22: Utf8Parser.TryParse(token, out stat.StartTime, out _); break;
                case 23: Utf8Parser.TryParse(token, out stat.VirtualSize, out _); break;
                case 24: Utf8Parser.TryParse(token, out stat.ResidentPages, out _); break;
                case 26: Utf8Parser.TryParse(token, out stat.StartCode, out _); return true;
            }
        }

        return field >= 22;
    }
}
