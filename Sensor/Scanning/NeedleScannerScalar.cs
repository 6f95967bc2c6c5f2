namespace Sensor.Scanning;

/// <summary>The portable variant: one byte at a time through a table of the patterns' first bytes.</summary>
public sealed class NeedleScannerScalar : NeedleScanner
{
    private readonly bool[] _isFirstByte = new bool[256];

    public NeedleScannerScalar(NeedleSet set)
        : base(set)
    {
        foreach (byte b in FirstBytes)
        {
            _isFirstByte[b] = true;
        }
    }

    public override ScanVariant Variant => ScanVariant.Scalar;

    public override bool Scan(ReadOnlySpan<byte> block, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        bool[] isFirst = _isFirstByte;
        for (int i = 0; i < block.Length; i++)
        {
            byte b = block[i];
            if (!isFirst[b])
            {
                continue;
            }

            for (int j = 0; j < Patterns.Length; j++)
            {
                int probe = i + ProbeOffsets[j];
                if (FirstBytes[j] == b && probe < block.Length && block[probe] == ProbeBytes[j]
                    && !Verify(block, i, j, minEnd, matches, maxMatches))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
