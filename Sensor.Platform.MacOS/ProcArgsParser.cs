using System.Buffers.Binary;

namespace Sensor.Platform.MacOS;

/// <summary>
/// Parses the KERN_PROCARGS2 sysctl: a 32-bit argc, the executable path, NUL padding, then argc NUL-terminated
/// arguments (then the environment, which is not read).
/// </summary>
public static class ProcArgsParser
{
    /// <summary>Writes the arguments joined by spaces into <paramref name="destination"/>; returns the length or -1.</summary>
    public static int FormatCommandLine(ReadOnlySpan<byte> procargs, Span<byte> destination)
    {
        if (procargs.Length < 4)
        {
            return -1;
        }

        int argc = BinaryPrimitives.ReadInt32LittleEndian(procargs);
        ReadOnlySpan<byte> rest = procargs[4..];
        int pathEnd = rest.IndexOf((byte)0);
        if (pathEnd < 0)
        {
            return -1;
        }

        rest = rest[pathEnd..];
        int firstArg = rest.IndexOfAnyExcept((byte)0);
        if (firstArg < 0)
        {
            return 0;
        }

        rest = rest[firstArg..];
        int written = 0;
        for (int i = 0; i < argc && !rest.IsEmpty; i++)
        {
            int end = rest.IndexOf((byte)0);
            ReadOnlySpan<byte> arg = end < 0 ? rest : rest[..end];
            if (written + arg.Length + 1 > destination.Length)
            {
                break;
            }

            if (written > 0)
            {
                destination[written++] = (byte)' ';
            }

            arg.CopyTo(destination[written..]);
            written += arg.Length;
            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return written;
    }
}
