using System.Text;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>
/// One string per distinct text decoded from UTF-8, so a listing where hundreds of processes share an executable
/// path, a command line or a name allocates each once (and a warm agent's next listing not at all). One per
/// thread (<see cref="ForCurrentThread"/>), not thread-safe. Bounded: emptied past
/// <see cref="MaxEntries"/> strings or <see cref="MaxChars"/> characters; texts over <see cref="MaxKeptLength"/>
/// characters are decoded and not kept.
/// </summary>
public sealed class Utf8StringCache
{
    public const int MaxEntries = 4096;
    public const int MaxChars = 1 << 20;
    public const int MaxKeptLength = 4096;

    [ThreadStatic]
    private static Utf8StringCache? t_current;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _chars = new char[512];
    private int _keptChars;

    private Utf8StringCache() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The calling thread's cache. Listings run on the calling thread and on <see cref="ParallelWork"/>'s helpers,
    /// which live as long as the process, so each keeps its strings from one listing to the next.
    /// </summary>
    public static Utf8StringCache ForCurrentThread => t_current ??= new Utf8StringCache();

    /// <summary>The text of <paramref name="utf8"/> (invalid sequences become U+FFFD, as <see cref="Encoding.GetString(byte[])"/> does).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        if (utf8.Length > MaxKeptLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // A UTF-8 sequence never decodes to more UTF-16 units than it has bytes.
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        int length = Encoding.UTF8.GetChars(utf8, _chars);
        ReadOnlySpan<char> text = _chars.AsSpan(0, length);
        if (_lookup.TryGetValue(text, out string? known))
        {
            return known;
        }

        string decoded = new(text);
        if (_strings.Count >= MaxEntries || _keptChars + length > MaxChars)
        {
            _strings.Clear();
            _keptChars = 0;
        }

        _strings.Add(decoded);
        _keptChars += length;
        return decoded;
    }
}
