namespace Sensor.Platform.Linux.Sessions;

/// <summary>
/// Parses <c>loginctl list-users --no-legend</c>: one user a line, <c>UID USER [LINGER [STATE]]</c>, separated by
/// blanks and indented. A line that does not start with a number is skipped (older versions print a header or
/// footer even with --no-legend when the list is empty).
/// </summary>
public static class LoginctlUserListParser
{
    /// <summary>Users with a uid below this are system accounts (Debian's and Fedora's UID_MIN).</summary>
    public const uint FirstRegularUid = 1000;

    /// <summary>nobody: never a logged-in person.</summary>
    public const uint Nobody = 65534;

    public static void Parse(ReadOnlySpan<byte> output, List<(uint Uid, string Name)> users)
    {
        while (!output.IsEmpty)
        {
            int end = output.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? output : output[..end];
            output = end < 0 ? [] : output[(end + 1)..];
            line = line.Trim(" \t\r"u8);
            int blank = line.IndexOfAny(" \t"u8);
            if (blank <= 0 || !uint.TryParse(line[..blank], System.Globalization.NumberStyles.None, null, out uint uid))
            {
                continue;
            }

            ReadOnlySpan<byte> rest = line[blank..].TrimStart(" \t"u8);
            int nameEnd = rest.IndexOfAny(" \t"u8);
            ReadOnlySpan<byte> name = nameEnd < 0 ? rest : rest[..nameEnd];
            if (!name.IsEmpty)
            {
                users.Add((uid, System.Text.Encoding.UTF8.GetString(name)));
            }
        }
    }

    /// <summary>A person's account rather than a system or daemon account.</summary>
    public static bool IsRegularUser(uint uid) => uid >= FirstRegularUid && uid != Nobody;
}
