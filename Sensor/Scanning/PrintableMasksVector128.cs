using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sensor.Scanning;

/// <summary>Four 16-byte compares per class (SSE2 on x64, AdvSimd on arm64); the same bias trick as the AVX2 variant.</summary>
public readonly struct PrintableMasksVector128 : IPrintableMasks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Printable, ulong Zero) Compute(ref byte at)
    {
        ref sbyte s = ref Unsafe.As<byte, sbyte>(ref at);
        ulong p = 0, z = 0;
        for (int k = 0; k < 64; k += 16)
        {
            Vector128<sbyte> v = Vector128.LoadUnsafe(ref s, (nuint)k);
            Vector128<sbyte> isPrintable = Vector128.GreaterThan(Vector128.Create((sbyte)-33), v + Vector128.Create((sbyte)0x60))
                | Vector128.Equals(v, Vector128.Create((sbyte)9));
            p |= (ulong)isPrintable.ExtractMostSignificantBits() << k;
            z |= (ulong)Vector128.Equals(v, Vector128<sbyte>.Zero).ExtractMostSignificantBits() << k;
        }

        return (p, z);
    }
}
