using System.Buffers.Text;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>Parses <c>/proc/PID/status</c>: "Key:\tvalue" lines.</summary>
public static class ProcStatusParser
{
    public static ProcStatus Parse(ReadOnlySpan<byte> text)
    {
        var status = new ProcStatus { ParentProcessId = -1, RealUserId = -1, EffectiveUserId = -1, Threads = -1, ResidentKilobytes = -1 };
        while (!text.IsEmpty)
        {
            int end = text.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? text : text[..end];
            text = end < 0 ? default : text[(end + 1)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> key = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].TrimStart("\t "u8);
            if (key.SequenceEqual("PPid"u8))
            {
                Utf8Parser.TryParse(value, out status.ParentProcessId, out _);
            }
            else if (key.SequenceEqual("Uid"u8))
            {
                // real, effective, saved, filesystem
                if (Utf8Parser.TryParse(value, out status.RealUserId, out int used))
                {
                    Utf8Parser.TryParse(value[used..].TrimStart("\t "u8), out status.EffectiveUserId, out _);
                }
            }
            else if (key.SequenceEqual("Threads"u8))
            {
                Utf8Parser.TryParse(value, out status.Threads, out _);
            }
            else if (key.SequenceEqual("VmRSS"u8))
            {
                Utf8Parser.TryParse(value, out status.ResidentKilobytes, out _);
            }
        }

        return status;
    }
}
