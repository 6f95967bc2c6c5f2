using System;
using System.Collections.Generic;
using System.Text;
using Sensor.Generators.Model;

namespace Sensor.Generators;

/// <summary>
/// Builds usage and help text the way Python's argparse <c>HelpFormatter</c> does for an 80-column terminal, since
/// the reference agent's users know its output: options before positionals in the usage line, the first option name
/// shown there, help column at min(longest invocation + 4, 24), text wrapped at 78 columns.
/// </summary>
/// <remarks>
/// Differences from argparse, kept deliberately small: wrapping breaks only at white space (textwrap also breaks after
/// hyphens), and the text carries no trailing newline, like <c>CommandDescriptor.Usage</c>.
/// </remarks>
internal static class ArgparseHelpFormatter
{
    private const int Width = 78;
    private const int MaxHelpPosition = 24;
    private const int Indent = 2;
    private const string UsagePrefix = "usage: ";
    private const string HelpInvocation = "-h, --help";
    private const string HelpText = "show this help message and exit";

    public static string FormatUsage(CommandSpec command)
    {
        var optionalParts = new List<string> { "[-h]" };
        var positionalParts = new List<string>();
        foreach (ArgumentSpec argument in command.Arguments)
        {
            if (argument.IsOption)
            {
                string part = argument.IsFlag ? argument.Names[0] : argument.Names[0] + " " + ValueText(argument);
                if (argument.Required)
                {
                    // argparse splits an unbracketed part at its spaces when it wraps the line.
                    optionalParts.AddRange(SplitParts(part));
                }
                else
                {
                    optionalParts.Add("[" + part + "]");
                }
            }
            else
            {
                string name = argument.Names[0];
                if (argument.IsList)
                {
                    if (argument.Optional)
                    {
                        positionalParts.Add("[" + name + " [" + name + " ...]]");
                    }
                    else
                    {
                        positionalParts.Add(name);
                        positionalParts.Add("[" + name + " ...]");
                    }
                }
                else
                {
                    positionalParts.Add(argument.Optional ? "[" + name + "]" : name);
                }
            }
        }

        string prog = command.Name;
        var all = new List<string> { prog };
        all.AddRange(optionalParts);
        all.AddRange(positionalParts);
        string oneLine = string.Join(" ", all);
        if (UsagePrefix.Length + oneLine.Length <= Width)
        {
            return UsagePrefix + oneLine;
        }

        // Too long: argparse puts the options, then the positionals, on lines indented under the first argument.
        var lines = new List<string>();
        if (UsagePrefix.Length + prog.Length <= 0.75 * Width)
        {
            string indent = new string(' ', UsagePrefix.Length + prog.Length + 1);
            var first = new List<string> { prog };
            first.AddRange(optionalParts);
            lines.AddRange(WrapParts(first, indent, UsagePrefix));
            lines.AddRange(WrapParts(positionalParts, indent, null));
        }
        else
        {
            string indent = new string(' ', UsagePrefix.Length);
            lines.Add(prog);
            lines.AddRange(WrapParts(optionalParts, indent, null));
            lines.AddRange(WrapParts(positionalParts, indent, null));
        }

        return UsagePrefix + string.Join("\n", lines);
    }

    public static string FormatHelp(CommandSpec command, string usage)
    {
        var positionals = new List<(string Invocation, string Help)>();
        var optionals = new List<(string Invocation, string Help)> { (HelpInvocation, HelpText) };
        foreach (ArgumentSpec argument in command.Arguments)
        {
            (argument.IsOption ? optionals : positionals).Add((Invocation(argument), argument.Help));
        }

        int longest = 0;
        foreach ((string invocation, _) in positionals)
        {
            longest = Math.Max(longest, invocation.Length + Indent);
        }

        foreach ((string invocation, _) in optionals)
        {
            longest = Math.Max(longest, invocation.Length + Indent);
        }

        int helpPosition = Math.Min(longest + 2, MaxHelpPosition);
        var text = new StringBuilder(usage);
        if (command.Description.Trim().Length != 0)
        {
            text.Append("\n\n");
            text.Append(string.Join("\n", Wrap(command.Description, Width)));
        }

        if (positionals.Count != 0)
        {
            text.Append("\n\npositional arguments:");
            AppendEntries(text, positionals, helpPosition);
        }

        text.Append("\n\noptional arguments:");
        AppendEntries(text, optionals, helpPosition);
        return text.ToString();
    }

    private static void AppendEntries(StringBuilder text, List<(string Invocation, string Help)> entries, int helpPosition)
    {
        int helpWidth = Math.Max(Width - helpPosition, 11);
        int invocationWidth = helpPosition - Indent - 2;
        foreach ((string invocation, string help) in entries)
        {
            text.Append('\n').Append(' ', Indent).Append(invocation);
            List<string> lines = Wrap(help, helpWidth);
            if (lines.Count == 0)
            {
                continue;
            }

            if (invocation.Length <= invocationWidth)
            {
                text.Append(' ', invocationWidth - invocation.Length + 2).Append(lines[0]);
            }
            else
            {
                text.Append('\n').Append(' ', helpPosition).Append(lines[0]);
            }

            for (int i = 1; i < lines.Count; i++)
            {
                text.Append('\n').Append(' ', helpPosition).Append(lines[i]);
            }
        }
    }

    private static string Invocation(ArgumentSpec argument)
    {
        if (!argument.IsOption)
        {
            return argument.Names[0];
        }

        if (argument.IsFlag)
        {
            return string.Join(", ", argument.Names);
        }

        string value = ValueText(argument);
        var parts = new string[argument.Names.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = argument.Names[i] + " " + value;
        }

        return string.Join(", ", parts);
    }

    private static string ValueText(ArgumentSpec option) =>
        option.OneOrMore ? option.Meta + " [" + option.Meta + " ...]" : option.Meta;

    /// <summary>argparse's usage part pattern: a bracketed group stays whole, anything else splits at spaces.</summary>
    private static IEnumerable<string> SplitParts(string part)
    {
        int i = 0;
        while (i < part.Length)
        {
            if (part[i] == ' ')
            {
                i++;
                continue;
            }

            int end;
            if (part[i] == '[')
            {
                int depth = 0;
                end = i;
                do
                {
                    depth += part[end] == '[' ? 1 : part[end] == ']' ? -1 : 0;
                    end++;
                }
                while (end < part.Length && depth > 0);
            }
            else
            {
                end = part.IndexOf(' ', i);
                if (end < 0)
                {
                    end = part.Length;
                }
            }

            yield return part.Substring(i, end - i);
            i = end;
        }
    }

    private static List<string> WrapParts(List<string> parts, string indent, string? prefix)
    {
        var lines = new List<string>();
        var line = new List<string>();
        int lineLength = (prefix?.Length ?? indent.Length) - 1;
        foreach (string part in parts)
        {
            if (lineLength + 1 + part.Length > Width && line.Count != 0)
            {
                lines.Add(indent + string.Join(" ", line));
                line.Clear();
                lineLength = indent.Length - 1;
            }

            line.Add(part);
            lineLength += part.Length + 1;
        }

        if (line.Count != 0)
        {
            lines.Add(indent + string.Join(" ", line));
        }

        if (prefix is not null && lines.Count != 0)
        {
            lines[0] = lines[0].Substring(indent.Length);
        }

        return lines;
    }

    /// <summary>Greedy word wrap with white space collapsed, as textwrap does; a word longer than the width is cut.</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string rest = word;
            while (true)
            {
                int needed = line.Length == 0 ? rest.Length : line.Length + 1 + rest.Length;
                if (needed <= width)
                {
                    if (line.Length != 0)
                    {
                        line.Append(' ');
                    }

                    line.Append(rest);
                    break;
                }

                if (line.Length != 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    continue;
                }

                lines.Add(rest.Substring(0, width));
                rest = rest.Substring(width);
            }
        }

        if (line.Length != 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
