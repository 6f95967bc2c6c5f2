namespace Sensor.Commands;

/// <summary>
/// A positional argument, in the order of declaration. A <c>string[]</c> property takes one or more values
/// (<c>atom [atom ...]</c>) and must be the last positional.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class PositionalAttribute(string name) : Attribute
{
    /// <summary>The name in the usage text (<c>rootDir</c>).</summary>
    public string Name { get; } = name;

    public string Help { get; set; } = "";

    /// <summary>The value is hexadecimal, with or without <c>0x</c> (mem_read's <c>baseAddr</c>).</summary>
    public bool Hex { get; set; }

    /// <summary>The positional may be left out (argparse <c>nargs='?'</c>).</summary>
    public bool Optional { get; set; }
}
