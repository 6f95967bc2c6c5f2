namespace Sensor.Platform.Linux.Inventory;

/// <summary>
/// Reads crontab lines (<c>crontab(5)</c>): five time fields or an <c>@keyword</c>, then (in system crontabs) the
/// user, then the command. Environment assignments and comments are skipped.
/// </summary>
public static class CrontabParser
{
    /// <summary>The commands of a crontab, in order.</summary>
    public static List<string> Commands(ReadOnlySpan<byte> crontab, bool hasUserField)
    {
        var commands = new List<string>();
        foreach (Range range in crontab.Split((byte)'\n'))
        {
            string line = TextLines.Utf8(crontab[range]).Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int fields = line[0] == '@' ? 1 : 5;
            if (hasUserField)
            {
                fields++;
            }

            ReadOnlySpan<char> rest = line;
            // An environment line (NAME=value) has its '=' before any whitespace.
            int firstSpace = rest.IndexOfAny(' ', '\t');
            int equals = rest.IndexOf('=');
            if (equals > 0 && (firstSpace < 0 || equals < firstSpace))
            {
                continue;
            }

            bool complete = true;
            for (int i = 0; i < fields; i++)
            {
                int space = rest.IndexOfAny(' ', '\t');
                if (space < 0)
                {
                    complete = false;
                    break;
                }

                rest = rest[space..].TrimStart(" \t");
            }

            if (complete && !rest.IsEmpty)
            {
                commands.Add(rest.ToString());
            }
        }

        return commands;
    }
}
