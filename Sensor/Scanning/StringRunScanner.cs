using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sensor.Scanning;

/// <summary>
/// Finds, in one pass over each block, the runs of printable ASCII (0x20..0x7E and tab) of at least
/// <see cref="MinCharacters"/> bytes and of UTF-16LE code units (printable low byte, zero high byte) at even and at
/// odd addresses. A run that reaches the end of a block stays open and continues into the next block when that one is
/// contiguous; a block may repeat bytes already seen (the reader's overlap), which are skipped.
/// </summary>
/// <remarks>
/// The block is looked at in 64-byte windows that advance by 56: each owns its middle 56 bytes and sees four bytes of
/// context on each side, and the CPU turns it into two bit masks (printable, zero: <see cref="IPrintableMasks"/>).
/// ASCII runs of 5+ come from the printable mask alone with shifts and ands (a first byte is a set bit followed by
/// four set bits and preceded by a clear one; a last byte likewise), and the offsets of firsts and lasts, which
/// alternate in address order, are written out without a branch per run, so the cost does not depend on how the runs
/// fall (random memory has one every couple of hundred bytes). The run open at the start of a block is closed, and
/// the one open at its end is opened, before that loop with a vectorized search, so the loop never carries a run and
/// most strings are handed out as spans of the block itself. UTF-16 units need a printable byte followed by a zero
/// byte; two of one parity in a row are rare outside text, so a window is looked at unit by unit only when a run can
/// start or goes on. The variants differ only in the mask instructions; all give the same strings in the same order,
/// which is the order of the per-stream extractors this replaced (ASCII, then UTF-16 at even, then at odd addresses,
/// per block), so the reply and where the output cap cuts it are unchanged.
/// </remarks>
[SkipLocalsInit]
public sealed class StringRunScanner
{
    public const int MinCharacters = 5;
    public const int MaxCharacters = 128;

    // Window geometry: 64 bytes loaded, the middle 56 owned (mask bits 4..59).
    private const int Stride = 56;
    private const ulong Owned = 0x0FFFFFFFFFFFFFF0UL;

    private static readonly SearchValues<byte> Printable = SearchValues.Create(PrintableBytes());

    private readonly RunState _ascii = new();
    private readonly RunState _wideEven = new();
    private readonly RunState _wideOdd = new();
    private readonly List<StringRun> _head = [];
    private readonly List<StringRun> _wideOddRuns = [];
    private StringRun[] _wide = new StringRun[16];
    private int _wideCount;
    private byte[] _copied = new byte[4096];
    private int _copiedLength;
    private int[] _bounds = [];

    // The block being scanned: its address and where each UTF-16 stream's new units are (set by Scan).
    private ulong _address;
    private int _even;
    private int _evenFrom;
    private int _evenTo;
    private int _oddFrom;
    private int _oddTo;

    public StringRunScanner(ScanVariant kind)
    {
        if (!SupportedVariants().Contains(kind))
        {
            throw new PlatformNotSupportedException($"{kind} is not supported on this CPU");
        }

        Variant = kind;
    }


    public ScanVariant Variant { get; }

    /// <summary>The variants this CPU can run, widest first.</summary>
    public static IEnumerable<ScanVariant> SupportedVariants() => ScanVariants.Supported();

    /// <summary>The widest variant the CPU supports.</summary>
    public static StringRunScanner Create() => new(SupportedVariants().First());

    /// <summary>Forgets every open run and where the last block ended (a new process).</summary>
    public void Reset()
    {
        _ascii.Reset();
        _wideEven.Reset();
        _wideOdd.Reset();
    }

    /// <summary>
    /// Scans the bytes at <paramref name="address"/> and returns the strings that ended in them (or before them,
    /// when <paramref name="address"/> is not where the previous block ended: the open runs are closed first).
    /// </summary>
    public StringRunBatch Scan(ulong address, ReadOnlySpan<byte> bytes)
    {
        BeginBatch();
        int length = bytes.Length;
        _address = address;

        // Where each stream's new units begin; a discontinuity closes that stream's open run first, so the flushed
        // string is the first of its list, as it would be from a per-stream scanner.
        int asciiFrom = Enter(_ascii, address, length, 1, _head);
        _even = (int)(address & 1); // offset of the first byte at an even address
        int odd = _even ^ 1;
        _evenFrom = _evenTo = _oddFrom = _oddTo = 0;
        if (length > _even + 1)
        {
            int units = (length - _even) / 2;
            _evenFrom = _even + (2 * Enter(_wideEven, address + (ulong)_even, units, 2, null));
            _evenTo = _even + (2 * units);
        }

        if (length > odd + 1)
        {
            int units = (length - odd) / 2;
            _oddFrom = odd + (2 * Enter(_wideOdd, address + (ulong)odd, units, 2, _wideOddRuns));
            _oddTo = odd + (2 * units);
        }

        (int runsFrom, int runsTo) = AsciiEdges(address, bytes, asciiFrom);
        EnsureBoundsCapacity(length);
        int bounds = Variant switch
        {
            ScanVariant.Avx2 => ScanWindows<PrintableMasksAvx2>(bytes, runsFrom, runsTo),
            ScanVariant.Vector128 => ScanWindows<PrintableMasksVector128>(bytes, runsFrom, runsTo),
            _ => ScanWindows<PrintableMasksScalar>(bytes, runsFrom, runsTo),
        };

        return EndBatch(bytes, address, bounds);
    }

    /// <summary>Closes the open runs (end of a region list, end of the scan) and returns those long enough.</summary>
    public StringRunBatch Flush()
    {
        BeginBatch();
        Close(_ascii, _head);
        Close(_wideEven, null);
        Close(_wideOdd, _wideOddRuns);
        return EndBatch(default, 0, 0);
    }

    private static byte[] PrintableBytes()
    {
        var bytes = new List<byte> { 9 };
        for (int b = 0x20; b <= 0x7E; b++)
        {
            bytes.Add((byte)b);
        }

        return [.. bytes];
    }

    /// <summary>
    /// Starts a stream on a block of <paramref name="units"/> units at <paramref name="address"/>: returns how many
    /// leading units were already seen (the overlap), and closes the open run when the block does not continue it.
    /// </summary>
    private int Enter(RunState s, ulong address, int units, int unitSize, List<StringRun>? closed)
    {
        int seen = 0;
        ulong next = s.NextAddress;
        if (address < next && next != ulong.MaxValue && (next - address) % (ulong)unitSize == 0
            && next - address <= (ulong)units * (ulong)unitSize)
        {
            seen = (int)((next - address) / (ulong)unitSize);
            address = next;
        }

        if (address != next)
        {
            Close(s, closed);
        }

        s.NextAddress = address + ((ulong)(units - seen) * (ulong)unitSize);
        return seen;
    }

    /// <summary>
    /// Closes the ASCII run open from the previous block where it ends here, and opens the run that reaches this
    /// block's end; returns the part between them, which starts and ends next to a non-printable byte (or the
    /// block's new bytes' start when no run was open), so the window loop finds only runs wholly inside it.
    /// </summary>
    private (int From, int To) AsciiEdges(ulong address, ReadOnlySpan<byte> bytes, int from)
    {
        if (_ascii.Length > 0 && from < bytes.Length)
        {
            int end = bytes[from..].IndexOfAnyExcept(Printable);
            if (end < 0)
            {
                _ascii.Append(bytes[from..]);
                return (bytes.Length, bytes.Length);
            }

            _ascii.Append(bytes.Slice(from, end));
            Close(_ascii, _head);
            from += end + 1;
        }

        if (from >= bytes.Length)
        {
            return (bytes.Length, bytes.Length);
        }

        int last = bytes[from..].LastIndexOfAnyExcept(Printable);
        int open = last < 0 ? from : from + last + 1;
        if (open < bytes.Length)
        {
            _ascii.Address = address + (ulong)open;
            _ascii.Append(bytes[open..]);
        }

        return last < 0 ? (from, from) : (from, from + last);
    }

    /// <summary>Writes the ASCII runs inside [runsFrom, runsTo) as (first, last) offset pairs; returns how many offsets.</summary>
    private int ScanWindows<TMasks>(ReadOnlySpan<byte> bytes, int runsFrom, int runsTo)
        where TMasks : struct, IPrintableMasks
    {
        int length = bytes.Length;
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        ref int bounds = ref MemoryMarshal.GetArrayDataReference(_bounds);
        ref int cursor = ref bounds;
        bool wideOpen = _wideEven.Length > 0 || _wideOdd.Length > 0;

        // Interior windows (all 64 bytes in the block and in the ASCII middle part, all owned units new for both
        // UTF-16 streams) need no range masks; the few windows at the edges take the general path.
        int interiorFrom = Math.Max(Math.Max(4, runsFrom + 4), Math.Max(_evenFrom, _oddFrom));
        int interiorTo = Math.Min(Math.Min(length, runsTo) - 60, Math.Min(_evenTo, _oddTo) - Stride); // last w
        int w = 0;
        for (; w < length && w < interiorFrom; w += Stride)
        {
            cursor = ref Window<TMasks>(ref start, ref cursor, bytes, w, runsFrom, runsTo, ref wideOpen, interior: false);
        }

        for (; w <= interiorTo; w += Stride)
        {
            cursor = ref Window<TMasks>(ref start, ref cursor, bytes, w, runsFrom, runsTo, ref wideOpen, interior: true);
        }

        for (; w < length; w += Stride)
        {
            cursor = ref Window<TMasks>(ref start, ref cursor, bytes, w, runsFrom, runsTo, ref wideOpen, interior: false);
        }

        int count = (int)(Unsafe.ByteOffset(ref bounds, ref cursor) / sizeof(int));
        Debug.Assert(count % 2 == 0, "every run of 5+ inside the middle part has a first and a last byte");
        return count;
    }

    /// <summary>
    /// One window: the 64 bytes at w - 4, of which it owns [w, w + Stride) (mask bits 4..59), so every test below
    /// has its four bytes of context on each side in the same mask and nothing is carried from window to window.
    /// Returns the slot after the offsets it wrote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Window<TMasks>(scoped ref byte start, ref int cursor, scoped ReadOnlySpan<byte> bytes, int w, int runsFrom, int runsTo,
        scoped ref bool wideOpen, bool interior)
        where TMasks : struct, IPrintableMasks
    {
        int at = w - 4;
        (ulong printable, ulong zero) = interior || (at >= 0 && at + 64 <= bytes.Length)
            ? TMasks.Compute(ref Unsafe.Add(ref start, at))
            : LoadEdge<TMasks>(bytes, at);

        // ASCII runs of 5+: a first byte is printable, followed by four printable and preceded by a non-printable
        // byte; a last byte is printable, preceded by four printable and followed by a non-printable one. Firsts
        // and lasts alternate in address order, so one list of their offsets holds the runs as pairs.
        ulong x = interior ? printable : printable & RangeMask(runsFrom, runsTo, at);
        ulong two = x & (x >> 1);
        ulong five = two & (two >> 2) & (x >> 4); // bit i: bytes i..i+4 printable
        ulong ends = ((five & ~(x << 1)) | (x & ~(x >> 1) & (five << 4))) & Owned;
        ref int next = ref Flatten(ref cursor, ends, at);

        // UTF-16LE units: bit j = byte j printable and byte j+1 zero (both parities interleaved). Only a unit with
        // a printable same-parity neighbour, or an open run, can make a string; isolated units (most of them in
        // binary data) are passed over.
        ulong wide = printable & (zero >> 1);
        if (wideOpen || (wide & (wide >> 2) & Owned) != 0 || !interior)
        {
            wideOpen = WideWindow(bytes, w, wide);
        }

        return ref next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ulong Printable, ulong Zero) LoadEdge<TMasks>(ReadOnlySpan<byte> bytes, int at)
        where TMasks : struct, IPrintableMasks
    {
        // A window reaching past either end of the block: the bytes outside read as zeros (not printable); the
        // callers mask out what is not theirs.
        Span<byte> window = stackalloc byte[64];
        window.Clear();
        int from = Math.Max(at, 0), to = Math.Min(at + 64, bytes.Length);
        bytes[from..to].CopyTo(window[(from - at)..]);
        return TMasks.Compute(ref MemoryMarshal.GetReference(window));
    }

    /// <summary>
    /// Writes the offset (plus <paramref name="bias"/>) of each set bit at <paramref name="output"/> and returns the
    /// slot after them: two slots unconditionally (most windows have none, one or two), the rest in a loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref int Flatten(ref int output, ulong bits, int bias)
    {
        int n = BitOperations.PopCount(bits);
        output = bias + BitOperations.TrailingZeroCount(bits);
        bits &= bits - 1;
        Unsafe.Add(ref output, 1) = bias + BitOperations.TrailingZeroCount(bits);
        if (n > 2)
        {
            bits &= bits - 1;
            for (int k = 2; bits != 0; k++)
            {
                Unsafe.Add(ref output, k) = bias + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        return ref Unsafe.Add(ref output, n);
    }

    /// <summary>Bits i of a window at <paramref name="window"/> with <paramref name="from"/> &lt;= window + i &lt; <paramref name="to"/>.</summary>
    private static ulong RangeMask(int from, int to, int window)
    {
        int lo = Math.Clamp(from - window, 0, 64);
        int hi = Math.Clamp(to - window, 0, 64);
        if (lo >= hi)
        {
            return 0;
        }

        ulong low = ulong.MaxValue << lo; // lo < 64 here
        ulong high = hi == 64 ? ulong.MaxValue : (1UL << hi) - 1;
        return low & high;
    }

    /// <summary>Both UTF-16 streams over the units a window owns; returns whether a run is open after it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool WideWindow(ReadOnlySpan<byte> bytes, int w, ulong wide)
    {
        int at = w - 4; // block offset of mask bit 0 (even, as w is)
        for (int parity = 0; parity < 2; parity++)
        {
            bool isEven = parity == _even;
            RunState s = isEven ? _wideEven : _wideOdd;
            // Unit k of this parity is at block offset first + 2k; this window takes the new units in [w, w + Stride).
            int first = at + parity;
            int from = Math.Max(w, isEven ? _evenFrom : _oddFrom), to = Math.Min(w + Stride, isEven ? _evenTo : _oddTo);
            int kFrom = Math.Max((from - first + 1) >> 1, 0);
            int kTo = Math.Min((to - first + 1) >> 1, 32);
            if (kFrom < kTo)
            {
                WideUnits(s, isEven ? null : _wideOddRuns, bytes, first, EvenBits(wide >> parity), kFrom, kTo);
            }
        }

        return _wideEven.Length > 0 || _wideOdd.Length > 0;
    }

    /// <summary>One parity's units k in [kFrom, kTo) of a window; <paramref name="units"/> bit k = unit k printable.</summary>
    private void WideUnits(RunState s, List<StringRun>? closed, ReadOnlySpan<byte> bytes, int first, uint units, int kFrom, int kTo)
    {
        int k = kFrom;
        while (k < kTo)
        {
            if (s.Length == 0)
            {
                uint rest = units >> k;
                if (rest == 0)
                {
                    return;
                }

                k += BitOperations.TrailingZeroCount(rest);
                if (k >= kTo)
                {
                    return;
                }

                s.Address = _address + (ulong)(first + (2 * k));
            }

            int n = Math.Min(BitOperations.TrailingZeroCount(~(units >> k)), kTo - k);
            s.AppendUnits(bytes, first + (2 * k), n);
            k += n;
            if (k >= kTo)
            {
                return;
            }

            Close(s, closed);
            k++;
        }
    }

    /// <summary>Bits 0, 2, 4 ... 62 of <paramref name="x"/> packed into bits 0..31.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint EvenBits(ulong x)
    {
        // Shifts, not pext: pext is microcoded (hundreds of cycles) on AMD before Zen 3.
        x &= 0x5555555555555555UL;
        x = (x | (x >> 1)) & 0x3333333333333333UL;
        x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x >> 4)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x >> 8)) & 0x0000FFFF0000FFFFUL;
        return (uint)(x | (x >> 16));
    }

    /// <summary>Ends the stream's open run; one of 5+ units is kept (ASCII to the head list, UTF-16 to its parity's list).</summary>
    private void Close(RunState s, List<StringRun>? closed)
    {
        if (s.Length >= MinCharacters)
        {
            int n = s.PrefixLength;
            if (_copiedLength + n > _copied.Length)
            {
                Array.Resize(ref _copied, Math.Max(_copied.Length * 2, _copiedLength + n));
            }

            s.Prefix.AsSpan(0, n).CopyTo(_copied.AsSpan(_copiedLength));
            var run = new StringRun(s.Address, _copiedLength, n);
            _copiedLength += n;
            if (closed is not null)
            {
                closed.Add(run);
            }
            else
            {
                AddWide(run);
            }
        }

        s.Length = 0;
    }

    private void AddWide(StringRun run)
    {
        if (_wideCount == _wide.Length)
        {
            Array.Resize(ref _wide, _wide.Length * 2);
        }

        _wide[_wideCount++] = run;
    }

    private void BeginBatch()
    {
        _head.Clear();
        _wideOddRuns.Clear();
        _wideCount = 0;
        _copiedLength = 0;
    }

    private StringRunBatch EndBatch(ReadOnlySpan<byte> bytes, ulong address, int bounds)
    {
        // Odd-address UTF-16 strings follow the even-address ones, as from two scanners fed one after the other.
        foreach (StringRun run in _wideOddRuns)
        {
            AddWide(run);
        }

        return new StringRunBatch(bytes, address, _bounds.AsSpan(0, bounds), CollectionsMarshal.AsSpan(_head),
            _wide.AsSpan(0, _wideCount), _copied.AsSpan(0, _copiedLength));
    }

    private void EnsureBoundsCapacity(int length)
    {
        // A run of 5+ and the byte that ends it take 6 bytes and two slots; the flattening writes up to two slots
        // past the count.
        int needed = (2 * (length / 6)) + 16;
        if (_bounds.Length < needed)
        {
            _bounds = new int[needed];
        }
    }

    /// <summary>One stream's open run: where it began, its length so far, and its first <see cref="MaxCharacters"/> characters.</summary>
    private sealed class RunState
    {
        public byte[] Prefix { get; } = new byte[MaxCharacters];

        /// <summary>Address just past the last unit seen; <see cref="ulong.MaxValue"/> before the first block.</summary>
        public ulong NextAddress { get; set; } = ulong.MaxValue;

        public ulong Address { get; set; }

        /// <summary>Units in the open run; 0 when none is open.</summary>
        public long Length { get; set; }

        public int PrefixLength => (int)Math.Min(Length, MaxCharacters);

        public void Reset()
        {
            Length = 0;
            NextAddress = ulong.MaxValue;
        }

        public void Append(ReadOnlySpan<byte> ascii)
        {
            int have = PrefixLength;
            int n = Math.Min(MaxCharacters - have, ascii.Length);
            ascii[..n].CopyTo(Prefix.AsSpan(have));
            Length += ascii.Length;
        }

        /// <summary>Appends <paramref name="count"/> UTF-16 units starting at <paramref name="offset"/>, keeping their low bytes.</summary>
        public void AppendUnits(ReadOnlySpan<byte> bytes, int offset, int count)
        {
            int have = PrefixLength;
            int n = Math.Min(MaxCharacters - have, count);
            for (int i = 0; i < n; i++)
            {
                Prefix[have + i] = bytes[offset + (2 * i)];
            }

            Length += count;
        }
    }
}
