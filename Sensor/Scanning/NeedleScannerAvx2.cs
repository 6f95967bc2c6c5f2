using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sensor.Scanning;

/// <summary>
/// The 32-byte variant, written with explicit AVX2 intrinsics behind <see cref="Avx2.IsSupported"/>. Measured: a
/// Native AOT build for the baseline x64 ISA does not take this path (mem_find_string 0.42x-0.49x of the x86-64-v3
/// build, docs/performance.md), so x64 ships as an x86-64-v3 binary with a baseline-ISA fallback build.
/// </summary>
public sealed class NeedleScannerAvx2 : NeedleScanner
{
    private readonly Vector256<byte>[] _first;
    private readonly Vector256<byte>[] _probe;
    private readonly Vector256<byte>[] _nibbleTables;
    private readonly int[][] _buckets;
    private readonly bool _useTeddy;

    public NeedleScannerAvx2(NeedleSet set)
        : base(set)
    {
        if (!Avx2.IsSupported)
        {
            throw new PlatformNotSupportedException("AVX2 is not supported on this CPU");
        }

        _first = new Vector256<byte>[Patterns.Length];
        _probe = new Vector256<byte>[Patterns.Length];
        for (int j = 0; j < Patterns.Length; j++)
        {
            _first[j] = Vector256.Create(FirstBytes[j]);
            _probe[j] = Vector256.Create(ProbeBytes[j]);
        }

        // Teddy tables: pattern j is in bucket j % 8; for each of the first three byte positions, a bucket bit is set
        // under the byte's low nibble in one table and its high nibble in the other. A byte position matches a
        // bucket when both nibble lookups have its bit, so with one pattern a bucket the 3-byte prefix test is exact.
        _useTeddy = Array.TrueForAll(Patterns, p => p.Length >= 3);
        _buckets = new int[8][];
        var members = new List<int>[8];
        for (int b = 0; b < 8; b++)
        {
            members[b] = [];
        }

        Span<byte> tables = stackalloc byte[6 * 16];
        tables.Clear();
        for (int j = 0; j < Patterns.Length; j++)
        {
            int bucket = j % 8;
            members[bucket].Add(j);
            if (!_useTeddy)
            {
                continue;
            }

            for (int position = 0; position < 3; position++)
            {
                byte value = Patterns[j][position];
                tables[(position * 32) + (value & 0xF)] |= (byte)(1 << bucket);
                tables[(position * 32) + 16 + (value >> 4)] |= (byte)(1 << bucket);
            }
        }

        for (int b = 0; b < 8; b++)
        {
            _buckets[b] = [.. members[b]];
        }

        _nibbleTables = new Vector256<byte>[6];
        for (int t = 0; t < 6; t++)
        {
            Vector128<byte> half = Vector128.Create((ReadOnlySpan<byte>)tables.Slice(t * 16, 16));
            _nibbleTables[t] = Vector256.Create(half, half); // vpshufb looks up within each 128-bit lane
        }
    }

    public override ScanVariant Variant => ScanVariant.Avx2;

    [SkipLocalsInit]
    public override unsafe bool Scan(ReadOnlySpan<byte> block, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        if (!Avx2.IsSupported)
        {
            throw new PlatformNotSupportedException();
        }

        if (_useTeddy)
        {
            return ScanTeddy(block, minEnd, matches, maxMatches);
        }

        int count = Patterns.Length;
        int last = block.Length - MaxProbeOffset - Vector256<byte>.Count;
        int i = 0;
        fixed (byte* start = &MemoryMarshal.GetReference(block))
        fixed (Vector256<byte>* first = _first, probe = _probe)
        fixed (int* offsets = ProbeOffsets)
        {
            for (; i <= last; i += Vector256<byte>.Count)
            {
                byte* at = start + i;
                Vector256<byte> data = Avx.LoadVector256(at);
                Vector256<byte> any = Vector256<byte>.Zero;
                for (int j = 0; j < count; j++)
                {
                    any = Avx2.Or(any, Avx2.And(Avx2.CompareEqual(data, first[j]), Avx2.CompareEqual(Avx.LoadVector256(at + offsets[j]), probe[j])));
                }

                if (Avx.TestZ(any, any))
                {
                    continue;
                }

                for (int j = 0; j < count; j++)
                {
                    uint bits = (uint)Avx2.MoveMask(Avx2.And(Avx2.CompareEqual(data, first[j]), Avx2.CompareEqual(Avx.LoadVector256(at + offsets[j]), probe[j])));
                    while (bits != 0)
                    {
                        int k = BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        if (!Verify(block, i + k, j, minEnd, matches, maxMatches))
                        {
                            return false;
                        }
                    }
                }
            }
        }

        return ScanTail(block, Math.Max(i, 0), minEnd, matches, maxMatches);
    }

    /// <summary>
    /// The "Teddy" filter (after Hyperscan): the first three bytes of every pattern tested at once with six nibble
    /// lookups (vpshufb), about 20 instructions per 32 bytes whatever the number of patterns (up to 8 exact buckets).
    /// </summary>
    [SkipLocalsInit]
    private unsafe bool ScanTeddy(ReadOnlySpan<byte> block, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        int last = block.Length - 2 - Vector256<byte>.Count;
        int i = 0;
        Vector256<byte> low = Vector256.Create((byte)0x0F);
        byte* lanes = stackalloc byte[32];
        fixed (byte* start = &MemoryMarshal.GetReference(block))
        fixed (Vector256<byte>* t = _nibbleTables)
        {
            Vector256<byte> lo0 = t[0], hi0 = t[1], lo1 = t[2], hi1 = t[3], lo2 = t[4], hi2 = t[5];
            for (; i <= last; i += Vector256<byte>.Count)
            {
                byte* at = start + i;
                Vector256<byte> v0 = Avx.LoadVector256(at);
                Vector256<byte> v1 = Avx.LoadVector256(at + 1);
                Vector256<byte> v2 = Avx.LoadVector256(at + 2);
                Vector256<byte> m = Avx2.And(
                    Avx2.Shuffle(lo0, Avx2.And(v0, low)),
                    Avx2.Shuffle(hi0, Avx2.And(Avx2.ShiftRightLogical(v0.AsUInt16(), 4).AsByte(), low)));
                m = Avx2.And(m, Avx2.And(
                    Avx2.Shuffle(lo1, Avx2.And(v1, low)),
                    Avx2.Shuffle(hi1, Avx2.And(Avx2.ShiftRightLogical(v1.AsUInt16(), 4).AsByte(), low))));
                m = Avx2.And(m, Avx2.And(
                    Avx2.Shuffle(lo2, Avx2.And(v2, low)),
                    Avx2.Shuffle(hi2, Avx2.And(Avx2.ShiftRightLogical(v2.AsUInt16(), 4).AsByte(), low))));
                if (Avx.TestZ(m, m))
                {
                    continue;
                }

                // Rare: some pattern's first three bytes matched here; verify each bucket member in full.
                Avx.Store(lanes, m);
                uint candidates = ~(uint)Avx2.MoveMask(Avx2.CompareEqual(m, Vector256<byte>.Zero));
                while (candidates != 0)
                {
                    int k = BitOperations.TrailingZeroCount(candidates);
                    candidates &= candidates - 1;
                    uint buckets = lanes[k];
                    while (buckets != 0)
                    {
                        int b = BitOperations.TrailingZeroCount(buckets);
                        buckets &= buckets - 1;
                        foreach (int j in _buckets[b])
                        {
                            if (!Verify(block, i + k, j, minEnd, matches, maxMatches))
                            {
                                return false;
                            }
                        }
                    }
                }
            }
        }

        return ScanTail(block, Math.Max(i, 0), minEnd, matches, maxMatches);
    }
}
