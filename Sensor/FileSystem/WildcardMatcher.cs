namespace Sensor.FileSystem;

/// <summary>
/// A <see cref="WildcardPattern"/> expression prepared once per walk: the shapes tasks actually send (<c>*</c>,
/// <c>*.dll</c>, <c>name*</c>, <c>*part*</c>, a plain name) become one vectorized span comparison per name instead of
/// the general byte-by-byte glob, which stays for everything else (<c>?</c>, several <c>*</c>). Same results as
/// <see cref="WildcardPattern.IsMatch"/> for every expression.
/// </summary>
public sealed class WildcardMatcher
{
    private enum Shape
    {
        Everything,
        Literal,
        Suffix,
        Prefix,
        Contains,
        General,
    }

    private readonly Shape _shape;
    private readonly byte[] _pattern;
    private readonly byte[] _literal;

    public WildcardMatcher(ReadOnlySpan<byte> pattern)
    {
        _pattern = pattern.ToArray();
        _literal = [];
        if (pattern.Contains((byte)'?'))
        {
            _shape = Shape.General;
            return;
        }

        int stars = pattern.Count((byte)'*');
        int first = pattern.IndexOf((byte)'*');
        int last = pattern.LastIndexOf((byte)'*');
        (_shape, _literal) = stars switch
        {
            0 => (Shape.Literal, _pattern),
            1 when pattern.Length == 1 => (Shape.Everything, []),
            1 when first == 0 => (Shape.Suffix, pattern[1..].ToArray()),
            1 when first == pattern.Length - 1 => (Shape.Prefix, pattern[..^1].ToArray()),
            2 when first == 0 && last == pattern.Length - 1 && pattern.Length > 2 => (Shape.Contains, pattern[1..^1].ToArray()),
            _ when stars == pattern.Length => (Shape.Everything, []),
            _ => (Shape.General, []),
        };
    }

    /// <summary>True when every name matches (<c>*</c>, <c>**</c>...): the walker then skips the call.</summary>
    public bool MatchesEverything => _shape == Shape.Everything;

    public bool IsMatch(ReadOnlySpan<byte> name) => _shape switch
    {
        Shape.Everything => true,
        Shape.Suffix => name.EndsWith(_literal),
        Shape.Prefix => name.StartsWith(_literal),
        Shape.Literal => name.SequenceEqual(_literal),
        Shape.Contains => name.IndexOf(_literal) >= 0,
        _ => WildcardPattern.IsMatch(_pattern, name),
    };
}
