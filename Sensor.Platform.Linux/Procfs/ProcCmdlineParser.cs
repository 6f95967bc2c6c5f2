namespace Sensor.Platform.Linux.Procfs;

/// <summary>
/// Turns <c>/proc/PID/cmdline</c> (arguments each ended by NUL) into one line, arguments joined by single spaces, as
/// <c>ps -o args</c> shows it. A process that rewrote its argv may leave no NULs or several in a row; both are kept
/// as the kernel gives them, only the trailing terminators are dropped.
/// </summary>
public static class ProcCmdlineParser
{
    /// <summary>Writes the line into <paramref name="destination"/> (at least as long as the input) and returns its length.</summary>
    public static int Format(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        while (!raw.IsEmpty && raw[^1] == 0)
        {
            raw = raw[..^1];
        }

        raw.CopyTo(destination);
        Span<byte> line = destination[..raw.Length];
        line.Replace((byte)0, (byte)' ');
        return raw.Length;
    }
}
