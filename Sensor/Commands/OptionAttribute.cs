namespace Sensor.Commands;

/// <summary>
/// An option. <see cref="Names"/> are given in the reference's order; the first one is the one the usage line shows
/// (<c>[-o OFFSET]</c> for file_get, <c>[--pid PID]</c> for yara_scan). A <c>bool</c> property is a flag; a
/// <c>string[]</c> property may be repeated, and with <see cref="OneOrMore"/> one occurrence takes every following
/// value up to the next option (<c>-s STRING [STRING ...]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class OptionAttribute(params string[] names) : Attribute
{
    public string[] Names { get; } = names;

    /// <summary>The value's name in the usage text (<c>OFFSET</c>); defaults to the long name upper-cased.</summary>
    public string Meta { get; set; } = "";

    public string Help { get; set; } = "";

    /// <summary>The option must be given (shown without brackets: <c>--hash HASHES</c>).</summary>
    public bool Required { get; set; }

    /// <summary>The value is hexadecimal, with or without <c>0x</c>.</summary>
    public bool Hex { get; set; }

    /// <summary>One occurrence takes one or more values (argparse <c>nargs='+'</c>).</summary>
    public bool OneOrMore { get; set; }
}
