using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sensor.Scanning;

/// <summary>
/// The 32-byte variant, written with explicit AVX2 intrinsics behind <see cref="Avx2.IsSupported"/>: unlike the
/// Vector256 API, an explicit ISA check lets a Native AOT build for the baseline x64 ISA still run this path on
/// AVX2 hosts (the compiler emits a run-time check for it), so one binary is fast on AVX2 and runs everywhere.
/// </summary>
public sealed class NeedleScannerAvx2 : NeedleScanner
{
    private readonly Vector256<byte>[] _first;
    private readonly Vector256<byte>[] _probe;

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
    }

    public override Kind Variant => Kind.Avx2;

    [SkipLocalsInit]
    public override unsafe bool Scan(ReadOnlySpan<byte> block, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        if (!Avx2.IsSupported)
        {
            throw new PlatformNotSupportedException();
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
}
