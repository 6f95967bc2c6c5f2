using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sensor.Scanning;

/// <summary>Two 32-byte compares per class: printable as one signed compare after a bias, then vpmovmskb.</summary>
public readonly struct PrintableMasksAvx2 : IPrintableMasks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Printable, ulong Zero) Compute(ref byte at)
    {
        Vector256<sbyte> a = Vector256.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref at));
        Vector256<sbyte> b = Vector256.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref at), 32);
        ulong printable = Printable(a) | ((ulong)Printable(b) << 32);
        ulong zero = Vector256.Equals(a, Vector256<sbyte>.Zero).ExtractMostSignificantBits()
            | ((ulong)Vector256.Equals(b, Vector256<sbyte>.Zero).ExtractMostSignificantBits() << 32);
        return (printable, zero);
    }

    // 0x20..0x7E plus 0x60 is 0x80..0xDE: as signed bytes -128..-34, so one signed compare (vpcmpgtb) tests the range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Printable(Vector256<sbyte> v) =>
        (Vector256.GreaterThan(Vector256.Create((sbyte)-33), v + Vector256.Create((sbyte)0x60)) | Vector256.Equals(v, Vector256.Create((sbyte)9)))
            .ExtractMostSignificantBits();
}
