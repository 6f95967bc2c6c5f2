using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sensor.Scanning;

/// <summary>The 16-byte variant (SSE2 on x64, AdvSimd on Arm64) through the cross-platform Vector128 API.</summary>
public sealed class NeedleScannerVector128 : NeedleScanner
{
    private readonly Vector128<byte>[] _first;
    private readonly Vector128<byte>[] _probe;

    public NeedleScannerVector128(NeedleSet set)
        : base(set)
    {
        _first = new Vector128<byte>[Patterns.Length];
        _probe = new Vector128<byte>[Patterns.Length];
        for (int j = 0; j < Patterns.Length; j++)
        {
            _first[j] = Vector128.Create(FirstBytes[j]);
            _probe[j] = Vector128.Create(ProbeBytes[j]);
        }
    }

    public override ScanVariant Variant => ScanVariant.Vector128;

    [SkipLocalsInit]
    public override bool Scan(ReadOnlySpan<byte> block, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        int count = Patterns.Length;
        int last = block.Length - MaxProbeOffset - Vector128<byte>.Count;
        ref byte start = ref MemoryMarshal.GetReference(block);
        Vector128<byte>[] first = _first;
        Vector128<byte>[] probe = _probe;
        int[] offsets = ProbeOffsets;
        int i = 0;
        for (; i <= last; i += Vector128<byte>.Count)
        {
            ref byte at = ref Unsafe.Add(ref start, i);
            Vector128<byte> data = Vector128.LoadUnsafe(ref at);
            Vector128<byte> any = Vector128<byte>.Zero;
            for (int j = 0; j < count; j++)
            {
                any |= Vector128.Equals(data, first[j]) & Vector128.Equals(Vector128.LoadUnsafe(ref at, (nuint)offsets[j]), probe[j]);
            }

            if (any == Vector128<byte>.Zero)
            {
                continue;
            }

            // Rare: some pattern's two bytes matched; find which and compare in full.
            for (int j = 0; j < count; j++)
            {
                uint bits = (Vector128.Equals(data, first[j]) & Vector128.Equals(Vector128.LoadUnsafe(ref at, (nuint)offsets[j]), probe[j])).ExtractMostSignificantBits();
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

        return ScanTail(block, Math.Max(i, 0), minEnd, matches, maxMatches);
    }
}
