using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Sensor.Scanning;

namespace Sensor.Tests.Support;

/// <summary>
/// The string extractor mem_strings had before the one-pass <see cref="StringRunScanner"/>, kept as the reference the
/// scanner is held to (same strings, same order, same stop). Per stream:
/// Finds runs of printable ASCII (0x20..0x7e and tab) of at least <see cref="MinCharacters"/> units, where a unit is a
/// byte (<c>byte</c>) or a UTF-16LE code unit (<c>ushort</c>, high byte zero). Works 64 units at a time on a
/// printable-unit bit mask built with Vector128 compares, so the cost is per run of 5+, not per byte. A run that
/// reaches the end of a block stays open and continues into the next block when that one is contiguous.
/// </summary>
internal sealed class ReferenceStringRunExtractor<T>
    where T : unmanaged, IBinaryInteger<T>
{
    public const int MinCharacters = 5;
    public const int MaxCharacters = 128;

    private readonly bool _wide = typeof(T) == typeof(ushort);
    private readonly byte[] _prefix = new byte[MaxCharacters];
    private readonly IStringRunSink _sink;
    private ulong _nextAddress = ulong.MaxValue;
    private ulong _runAddress;
    private long _runLength; // units in the open run; 0 = no run open
    private bool _stopped;

    public ReferenceStringRunExtractor(IStringRunSink sink) => _sink = sink;

    private static int UnitSize => Unsafe.SizeOf<T>();

    /// <summary>False once the sink asked to stop.</summary>
    public bool Active => !_stopped;

    /// <summary>
    /// Feeds units whose first one is at <paramref name="address"/>. When <paramref name="address"/> is not where
    /// the previous call ended, the open run is closed first.
    /// </summary>
    public void Feed(ulong address, ReadOnlySpan<T> units)
    {
        if (_stopped)
        {
            return;
        }

        if (address < _nextAddress && _nextAddress != ulong.MaxValue && (_nextAddress - address) % (ulong)UnitSize == 0
            && _nextAddress - address <= (ulong)units.Length * (ulong)UnitSize)
        {
            // The block repeats units already seen (the reader's overlap): start after them.
            int seen = (int)((_nextAddress - address) / (ulong)UnitSize);
            units = units[seen..];
            address = _nextAddress;
        }

        if (address != _nextAddress)
        {
            Flush();
        }

        _nextAddress = address + ((ulong)units.Length * (ulong)UnitSize);
        int i = 0;
        ref T start = ref MemoryMarshal.GetReference(units);
        for (; i + 64 <= units.Length && !_stopped; i += 64)
        {
            Window(address, units, i, Mask64(ref Unsafe.Add(ref start, i)));
        }

        for (; i < units.Length && !_stopped; i++)
        {
            if (IsPrintable(units[i]))
            {
                if (_runLength == 0)
                {
                    _runAddress = address + ((ulong)i * (ulong)UnitSize);
                }

                Append(units.Slice(i, 1));
            }
            else
            {
                Flush();
            }
        }
    }

    /// <summary>Closes the open run (emitting it if long enough). Call at the end of a region and of the scan.</summary>
    public void Flush()
    {
        if (_runLength >= MinCharacters && !_stopped)
        {
            _stopped = !_sink.OnString(_runAddress, _prefix.AsSpan(0, (int)Math.Min(_runLength, MaxCharacters)), _wide);
        }

        _runLength = 0;
    }

    public void Reset()
    {
        _runLength = 0;
        _nextAddress = ulong.MaxValue;
        _stopped = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPrintable(T unit)
    {
        uint u = uint.CreateTruncating(unit);
        return u - 0x20u <= 0x5Eu || u == 9u;
    }

    /// <summary>Bit k set when unit k of the 64 at <paramref name="at"/> is printable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask64(ref T at)
    {
        Vector128<T> low = Vector128.Create(T.CreateTruncating(0x20));
        Vector128<T> range = Vector128.Create(T.CreateTruncating(0x5E));
        Vector128<T> tab = Vector128.Create(T.CreateTruncating(9));
        int lanes = Vector128<T>.Count;
        ulong mask = 0;
        if (typeof(T) == typeof(ushort))
        {
            // A 16-bit lane's sign bits have no single-instruction gather (ExtractMostSignificantBits<ushort> was a
            // call, a quarter of mem_strings' time): narrow two lane masks (0xFFFF or 0) to one byte vector first.
            ref ushort units = ref Unsafe.As<T, ushort>(ref at);
            Vector128<ushort> low16 = Vector128.Create((ushort)0x20), range16 = Vector128.Create((ushort)0x5E), tab16 = Vector128.Create((ushort)9);
            for (int k = 0; k < 64; k += 16)
            {
                Vector128<ushort> a = Vector128.LoadUnsafe(ref units, (nuint)k);
                Vector128<ushort> b = Vector128.LoadUnsafe(ref units, (nuint)(k + 8));
                Vector128<ushort> pa = Vector128.LessThanOrEqual(a - low16, range16) | Vector128.Equals(a, tab16);
                Vector128<ushort> pb = Vector128.LessThanOrEqual(b - low16, range16) | Vector128.Equals(b, tab16);
                mask |= (ulong)Vector128.Narrow(pa, pb).ExtractMostSignificantBits() << k;
            }

            return mask;
        }

        for (int k = 0; k < 64; k += lanes)
        {
            Vector128<T> v = Vector128.LoadUnsafe(ref at, (nuint)k);
            Vector128<T> printable = Vector128.LessThanOrEqual(v - low, range) | Vector128.Equals(v, tab);
            mask |= (ulong)printable.ExtractMostSignificantBits() << k;
        }

        return mask;
    }

    private void Window(ulong address, ReadOnlySpan<T> units, int window, ulong m)
    {
        int pos = 0;
        if (_runLength > 0)
        {
            ulong rest = ~m;
            if (rest == 0)
            {
                Append(units.Slice(window, 64));
                return;
            }

            pos = BitOperations.TrailingZeroCount(rest);
            Append(units.Slice(window, pos));
            Flush();
            if (_stopped)
            {
                return;
            }
        }

        ulong m5 = m & (m >> 1) & (m >> 2) & (m >> 3) & (m >> 4);
        ulong starts = m5 & ~(m << 1) & (ulong.MaxValue << pos);
        if ((long)m < 0)
        {
            // A run touching the window's end may be shorter than 5 here and go on in the next window.
            int tailStart = 64 - BitOperations.LeadingZeroCount(~m);
            if (~m == 0)
            {
                tailStart = 0;
            }

            if (tailStart >= pos && tailStart >= 60)
            {
                starts |= 1UL << tailStart;
            }
        }

        while (starts != 0)
        {
            int s = BitOperations.TrailingZeroCount(starts);
            starts &= starts - 1;
            _runAddress = address + ((ulong)(window + s) * (ulong)UnitSize);
            ulong rest = ~m & (ulong.MaxValue << s);
            if (rest == 0)
            {
                Append(units.Slice(window + s, 64 - s));
                return;
            }

            int end = BitOperations.TrailingZeroCount(rest);
            Append(units.Slice(window + s, end - s));
            Flush();
            if (_stopped)
            {
                return;
            }
        }
    }

    private void Append(ReadOnlySpan<T> run)
    {
        int room = MaxCharacters - (int)Math.Min(_runLength, MaxCharacters);
        int n = Math.Min(room, run.Length);
        for (int k = 0; k < n; k++)
        {
            _prefix[(int)_runLength + k] = byte.CreateTruncating(run[k]);
        }

        _runLength += run.Length;
    }
}
