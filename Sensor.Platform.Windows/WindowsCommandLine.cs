using System.Text;

namespace Sensor.Platform.Windows;

/// <summary>
/// Builds a Windows command line that CommandLineToArgvW and the C runtime split back into the same arguments: the
/// SCM stores a service's binary path as one command line. Pure (no OS call), so it is tested everywhere.
/// </summary>
internal static class WindowsCommandLine
{
    /// <summary>
    /// The service's command line: the executable always quoted (an unquoted path with a space lets
    /// <c>C:\Program.exe</c> run in its place), then the arguments.
    /// </summary>
    public static string ForService(string executable, params ReadOnlySpan<string> arguments)
    {
        if (executable.Length == 0 || executable.Contains('"'))
        {
            throw new ArgumentException($"not a usable executable path: '{executable}'", nameof(executable));
        }

        var line = new StringBuilder();
        // The executable is split by the loader's simpler rule (up to the closing quote, no escapes): a trailing
        // backslash cannot occur in a file name, so plain quotes are exact.
        line.Append('"').Append(executable).Append('"');
        foreach (string argument in arguments)
        {
            line.Append(' ');
            AppendArgument(line, argument);
        }

        return line.ToString();
    }

    /// <summary>
    /// Joins <paramref name="arguments"/> by the C runtime's rule: quoted when empty or holding a space or tab;
    /// backslashes doubled only before a quote (an escaped one or the closing one).
    /// </summary>
    public static string Join(params ReadOnlySpan<string> arguments)
    {
        var line = new StringBuilder();
        foreach (string argument in arguments)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            AppendArgument(line, argument);
        }

        return line.ToString();
    }

    private static void AppendArgument(StringBuilder line, string argument)
    {
        bool quote = argument.Length == 0 || argument.AsSpan().IndexOfAny(' ', '\t') >= 0;
        if (quote)
        {
            line.Append('"');
        }

        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
            }
            else if (c == '"')
            {
                line.Append('\\', (backslashes * 2) + 1).Append('"');
                backslashes = 0;
            }
            else
            {
                line.Append('\\', backslashes).Append(c);
                backslashes = 0;
            }
        }

        // Before the closing quote backslashes are doubled, or the last one would escape it.
        line.Append('\\', quote ? backslashes * 2 : backslashes);
        if (quote)
        {
            line.Append('"');
        }
    }
}
