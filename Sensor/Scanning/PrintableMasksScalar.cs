using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sensor.Scanning;

/// <summary>
/// Eight bytes at a time in a 64-bit register (SWAR), for CPUs without vector units: per byte, the 7-bit additions
/// below cannot carry into the next byte, so each byte's top bit answers its own test; the eight top bits are then
/// gathered into one byte with a multiply.
/// </summary>
public readonly struct PrintableMasksScalar : IPrintableMasks
{
    private const ulong Low7 = 0x7F7F7F7F7F7F7F7FUL;
    private const ulong Top = 0x8080808080808080UL;

    public static (ulong Printable, ulong Zero) Compute(ref byte at)
    {
        ulong p = 0, z = 0;
        for (int k = 0; k < 8; k++)
        {
            ulong x = BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref at, 8 * k), 8));
            ulong low = x & Low7;
            ulong atLeast20 = low + 0x6060606060606060UL; // top bit: (b & 0x7F) >= 0x20
            ulong is7F = low + 0x0101010101010101UL; // top bit: (b & 0x7F) == 0x7F
            ulong printable = atLeast20 & ~is7F & ~x & Top; // and b < 0x80
            p |= Gather(printable | ZeroBytes(x ^ 0x0909090909090909UL)) << (8 * k); // or tab
            z |= Gather(ZeroBytes(x)) << (8 * k);
        }

        return (p, z);
    }

    /// <summary>Top bit of each byte set when that byte is 0 (exact: no borrow between bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ZeroBytes(ulong x) => ~(((x & Low7) + Low7) | x | Low7);

    /// <summary>The top bits of the eight bytes as one byte (bit i = byte i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Gather(ulong tops) => ((tops >> 7) * 0x0102040810204080UL) >> 56;
}
