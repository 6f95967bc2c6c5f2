using System.Globalization;
using System.Text;

namespace Sensor.Commands;

/// <summary>
/// The runtime half of the generated argument parsers: token classification, number parsing and argparse's error
/// wording. The generated <c>Parse_*</c> methods stay short straight-line code that calls into here.
/// </summary>
public static class ArgumentParsing
{
    /// <summary>
    /// An option token: starts with '-' and is more than "-". A '-' followed by a digit is a negative number, which
    /// is a value (positional <c>-1</c>), as in argparse when no option looks like a number.
    /// </summary>
    public static bool IsOptionToken(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    /// <summary>Splits <c>--name=value</c> into its name and inline value; other tokens are returned whole.</summary>
    public static string SplitOption(string token, out string? inline)
    {
        int equals = token.IndexOf('=');
        if (equals < 0)
        {
            inline = null;
            return token;
        }

        inline = token[(equals + 1)..];
        return token[..equals];
    }

    /// <summary>
    /// The value of an option: its inline value, else the next token whatever it looks like (so <c>-p -1</c> works).
    /// </summary>
    public static bool TryTakeValue(ReadOnlySpan<string> argv, ref int index, string? inline, out string value)
    {
        if (inline is not null)
        {
            value = inline;
            return true;
        }

        if (index + 1 < argv.Length)
        {
            index++;
            value = argv[index];
            return true;
        }

        value = "";
        return false;
    }

    public static bool TryParseInt32(string text, bool hex, out int value)
    {
        if (TryParseInt64(text, hex, out long wide) && wide is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)wide;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Decimal with an optional sign, or hex (<c>0x</c> optional) with an optional leading '-'.</summary>
    public static bool TryParseInt64(string text, bool hex, out long value)
    {
        if (!hex)
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        bool negative = text.StartsWith('-');
        if (TryParseHex(negative ? text.AsSpan(1) : text.AsSpan(), out ulong magnitude))
        {
            if (!negative && magnitude <= long.MaxValue)
            {
                value = (long)magnitude;
                return true;
            }

            if (negative && magnitude <= (ulong)long.MaxValue + 1)
            {
                value = (long)(0 - magnitude);
                return true;
            }
        }

        value = 0;
        return false;
    }

    public static bool TryParseUInt64(string text, bool hex, out ulong value) =>
        hex
            ? TryParseHex(text.AsSpan(), out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseHex(ReadOnlySpan<char> text, out ulong value)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        return ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Appends one name to the comma-separated list of missing required arguments.</summary>
    public static string AddMissing(string? missing, string name) => missing is null ? name : missing + ", " + name;

    public static ArgumentParseStatus Fail(string message, out string? error)
    {
        error = message;
        return ArgumentParseStatus.Error;
    }

    public static ArgumentParseStatus ExpectedOneArgument(string argument, out string? error) =>
        Fail($"argument {argument}: expected one argument", out error);

    public static ArgumentParseStatus ExpectedAtLeastOneArgument(string argument, out string? error) =>
        Fail($"argument {argument}: expected at least one argument", out error);

    public static ArgumentParseStatus InvalidIntValue(string argument, string value, out string? error) =>
        Fail($"argument {argument}: invalid int value: '{value}'", out error);

    public static ArgumentParseStatus IgnoredExplicitArgument(string argument, string value, out string? error) =>
        Fail($"argument {argument}: ignored explicit argument '{value}'", out error);

    public static ArgumentParseStatus MissingRequired(string missing, out string? error) =>
        Fail("the following arguments are required: " + missing, out error);

    public static ArgumentParseStatus Unrecognized(List<string> extras, out string? error)
    {
        var message = new StringBuilder("unrecognized arguments:");
        foreach (string extra in extras)
        {
            message.Append(' ').Append(extra);
        }

        return Fail(message.ToString(), out error);
    }

    public static string UnknownCommand(string name) => $"unknown command '{name}'";
}
