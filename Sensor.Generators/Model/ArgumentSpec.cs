namespace Sensor.Generators.Model;

/// <summary>
/// One argument of a handler: a property carrying <c>[Positional]</c> or <c>[Option]</c>. <see cref="Names"/> holds
/// the positional's one name, or the option's names in declaration order (the first is the one the usage line shows).
/// </summary>
internal sealed record ArgumentSpec(
    ArgumentKind Kind,
    string PropertyName,
    ValueKind Value,
    EquatableArray<string> Names,
    string Meta,
    string Help,
    bool Required,
    bool Hex,
    bool OneOrMore,
    bool Optional)
{
    public bool IsOption => Kind == ArgumentKind.Option;

    public bool IsFlag => Kind == ArgumentKind.Option && Value == ValueKind.Boolean;

    public bool IsList => Value == ValueKind.StringArray;

    /// <summary>How argparse names the argument in its messages: <c>-o/--offset</c> or <c>rootDir</c>.</summary>
    public string DisplayName => string.Join("/", Names);
}
