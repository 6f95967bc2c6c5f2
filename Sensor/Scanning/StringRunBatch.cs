namespace Sensor.Scanning;

/// <summary>
/// The strings one block (or the final flush) closed, in the order a consumer must see them: ASCII strings in address
/// order, then UTF-16LE strings at even addresses, then those at odd addresses (each in address order). Most ASCII
/// strings are spans of the block itself; the rest were copied aside. Valid until the scanner's next call.
/// </summary>
public readonly ref struct StringRunBatch
{
    private readonly ReadOnlySpan<byte> _block;
    private readonly ulong _blockAddress;
    private readonly ReadOnlySpan<int> _bounds;
    private readonly ReadOnlySpan<StringRun> _head;
    private readonly ReadOnlySpan<StringRun> _wide;
    private readonly ReadOnlySpan<byte> _copied;

    /// <param name="bounds">The ASCII strings in the block: pairs of offsets of a first and a last byte.</param>
    internal StringRunBatch(ReadOnlySpan<byte> block, ulong blockAddress, ReadOnlySpan<int> bounds,
        ReadOnlySpan<StringRun> head, ReadOnlySpan<StringRun> wide, ReadOnlySpan<byte> copied)
    {
        _block = block;
        _blockAddress = blockAddress;
        _bounds = bounds;
        _head = head;
        _wide = wide;
        _copied = copied;
    }

    public int AsciiCount => _head.Length + (_bounds.Length / 2);

    /// <summary>How many of the ASCII strings come first from the copies (a run that began in an earlier block).</summary>
    public int AsciiHeadCount => _head.Length;

    /// <summary>The block the other ASCII strings are in ...</summary>
    public ReadOnlySpan<byte> Block => _block;

    /// <summary>... as pairs of offsets of their first and last byte (for consumers that walk them in a tight loop).</summary>
    public ReadOnlySpan<int> AsciiBounds => _bounds;

    public int WideCount => _wide.Length;

    public bool IsEmpty => AsciiCount == 0 && _wide.IsEmpty;

    /// <summary>ASCII string <paramref name="i"/> (at most <see cref="StringRunScanner.MaxCharacters"/> bytes).</summary>
    public ReadOnlySpan<byte> AsciiText(int i)
    {
        if (i < _head.Length)
        {
            return _copied.Slice(_head[i].Offset, _head[i].Length);
        }

        i = 2 * (i - _head.Length);
        int first = _bounds[i];
        return _block.Slice(first, Math.Min(_bounds[i + 1] + 1 - first, StringRunScanner.MaxCharacters));
    }

    public ulong AsciiAddress(int i) => i < _head.Length ? _head[i].Address : _blockAddress + (ulong)_bounds[2 * (i - _head.Length)];

    /// <summary>UTF-16LE string <paramref name="i"/>, narrowed to its low bytes (all printable ASCII).</summary>
    public ReadOnlySpan<byte> WideText(int i) => _copied.Slice(_wide[i].Offset, _wide[i].Length);

    public ulong WideAddress(int i) => _wide[i].Address;
}
