using System.Text;

namespace Sensor.Benchmarks.Scanning;

/// <summary>The bytes the scanning benchmarks search: splitmix64 noise (as in the bench kit's target) with the four needles of needles.yar planted.</summary>
internal static class BenchmarkMemory
{
    public static readonly string[] Needles = ["ALPHA-needle-7f3a9c1e", "bravo_NEEDLE_55d0c2", "CharlieWideNeedle_9e1", "delta.wide.needle.42"];

    public static byte[] Create(int size)
    {
        byte[] data = GC.AllocateUninitializedArray<byte>(size);
        ulong s = 0x9e3779b97f4a7c15UL;
        for (int i = 0; i + 8 <= size; i += 8)
        {
            ulong z = s += 0x9e3779b97f4a7c15UL;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
            BitConverter.TryWriteBytes(data.AsSpan(i), z ^ (z >> 31));
        }

        Encoding.ASCII.GetBytes(Needles[0]).CopyTo(data, size / 5);
        Encoding.ASCII.GetBytes(Needles[1]).CopyTo(data, size / 3);
        Encoding.Unicode.GetBytes(Needles[2]).CopyTo(data, (size / 2) + 1);
        Encoding.Unicode.GetBytes(Needles[3]).CopyTo(data, size - 4096);
        return data;
    }
}
