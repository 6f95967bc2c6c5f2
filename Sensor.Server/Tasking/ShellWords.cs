using System.Text;

namespace Sensor.Server.Tasking;

/// <summary>
/// Splits a task line into words the way a POSIX shell would, without running one: blanks separate words; single
/// quotes keep everything literally; double quotes keep everything except <c>\"</c>, <c>\\</c>, <c>\$</c>,
/// <c>\`</c> and a backslash-newline; outside quotes a backslash makes the next character literal. No expansion of
/// any kind happens (<c>$HOME</c>, <c>*</c>, <c>~</c> stay as typed), because the words go to the sensor's command
/// parser, never to a shell. An unterminated quote or a trailing backslash is an error, not a guess.
/// </summary>
public static class ShellWords
{
    /// <summary>The words of <paramref name="line"/>, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static string[]? TrySplit(string line, out string error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        error = "";
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\\':
                    if (i + 1 >= line.Length)
                    {
                        error = "the line ends with a backslash";
                        return null;
                    }

                    i++;
                    if (line[i] != '\n')
                    {
                        word.Append(line[i]); // a backslash-newline joins lines; anything else is taken literally
                    }

                    inWord = true;
                    break;
                case '\'':
                    int close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = $"unterminated single quote at column {i + 1}";
                        return null;
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    int start = i;
                    i++;
                    while (true)
                    {
                        if (i >= line.Length)
                        {
                            error = $"unterminated double quote at column {start + 1}";
                            return null;
                        }

                        char d = line[i];
                        if (d == '"')
                        {
                            break;
                        }

                        if (d == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`' or '\n')
                        {
                            i++;
                            if (line[i] != '\n')
                            {
                                word.Append(line[i]);
                            }
                        }
                        else
                        {
                            word.Append(d);
                        }

                        i++;
                    }

                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}
