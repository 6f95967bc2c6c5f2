namespace Sensor.Benchmarks;

/// <summary>Strings like mem_strings' from random memory: 5 to 12 printable characters, some that JSON escapes.</summary>
internal static class BenchmarkStrings
{
    public static (byte[] Text, int[] Lengths) Create(int count, int seed)
    {
        var random = new Random(seed);
        int[] lengths = new int[count];
        var text = new List<byte>(count * 8);
        for (int i = 0; i < count; i++)
        {
            lengths[i] = random.Next(5, 13);
            for (int k = 0; k < lengths[i]; k++)
            {
                // Printable ASCII and tab, as the scanner finds them: '"', '\' and tab are escaped in JSON.
                int c = random.Next(0x1F, 0x7F);
                text.Add((byte)(c == 0x1F ? 9 : c));
            }
        }

        return ([.. text], lengths);
    }
}
