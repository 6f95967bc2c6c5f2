using System.Runtime.CompilerServices;

namespace Sensor.Scanning;

/// <summary>One byte at a time, for CPUs without vector units (and as the reference the tests hold the others to).</summary>
public readonly struct PrintableMasksScalar : IPrintableMasks
{
    public static (ulong Printable, ulong Zero) Compute(ref byte at)
    {
        ulong p = 0, z = 0;
        for (int k = 0; k < 64; k++)
        {
            uint b = Unsafe.Add(ref at, k);
            p |= (ulong)((b - 0x20u <= 0x5Eu) | (b == 9u) ? 1u : 0u) << k;
            z |= (ulong)(b == 0u ? 1u : 0u) << k;
        }

        return (p, z);
    }
}
