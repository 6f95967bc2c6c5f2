using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sensor.Scanning;

/// <summary>
/// A multi-pattern search over one block in one pass. All variants use the same algorithm (a two-byte filter: each
/// pattern's first byte and one later "probe" byte, chosen to avoid the zero high bytes of UTF-16, compared at
/// every position, then a full compare of the candidates) and differ only in the instruction set:
/// <see cref="NeedleScannerAvx2"/>, <see cref="NeedleScannerVector128"/>, <see cref="NeedleScannerScalar"/>.
/// <see cref="Create"/> picks the widest the CPU runs; tests run every variant the CPU supports.
/// </summary>
public abstract class NeedleScanner
{
    protected NeedleScanner(NeedleSet set)
    {
        Set = set;
        Patterns = set.Patterns;
        FirstBytes = new byte[Patterns.Length];
        ProbeOffsets = new int[Patterns.Length];
        ProbeBytes = new byte[Patterns.Length];
        for (int i = 0; i < Patterns.Length; i++)
        {
            byte[] p = Patterns[i];
            FirstBytes[i] = p[0];
            int probe = p.Length - 1;
            while (probe > 0 && p[probe] == 0)
            {
                probe--;
            }

            if (probe == 0)
            {
                probe = p.Length - 1;
            }

            ProbeOffsets[i] = probe;
            ProbeBytes[i] = p[probe];
            MaxProbeOffset = Math.Max(MaxProbeOffset, probe);
        }
    }


    public NeedleSet Set { get; }

    public abstract ScanVariant Variant { get; }

    protected byte[][] Patterns { get; }

    protected byte[] FirstBytes { get; }

    protected int[] ProbeOffsets { get; }

    protected byte[] ProbeBytes { get; }

    protected int MaxProbeOffset { get; }

    /// <summary>The variants this CPU can run, widest first.</summary>
    public static IEnumerable<ScanVariant> SupportedVariants() => ScanVariants.Supported();

    /// <summary>The widest variant the CPU supports (decided once at start-up by the JIT/AOT feature checks).</summary>
    public static NeedleScanner Create(NeedleSet set) => Create(set, SupportedVariants().First());

    public static NeedleScanner Create(NeedleSet set, ScanVariant kind) => kind switch
    {
        ScanVariant.Avx2 when Avx2.IsSupported => new NeedleScannerAvx2(set),
        ScanVariant.Vector128 when Vector128.IsHardwareAccelerated => new NeedleScannerVector128(set),
        ScanVariant.Scalar => new NeedleScannerScalar(set),
        _ => throw new PlatformNotSupportedException($"{kind} is not supported on this CPU"),
    };

    /// <summary>
    /// Appends to <paramref name="matches"/> every pattern occurrence that lies wholly inside <paramref name="block"/>
    /// and ends after <paramref name="minEnd"/> (the first <paramref name="minEnd"/> bytes were carried over from the
    /// previous chunk, whose matches were reported then). Stops once <paramref name="matches"/> holds
    /// <paramref name="maxMatches"/>; returns false in that case.
    /// </summary>
    public abstract bool Scan(ReadOnlySpan<byte> block, int minEnd, List<NeedleMatch> matches, int maxMatches);

    /// <summary>Checks every pattern at each position of [from, block.Length): the tail the vector loop cannot load.</summary>
    protected bool ScanTail(ReadOnlySpan<byte> block, int from, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        for (int i = from; i < block.Length; i++)
        {
            byte b = block[i];
            for (int j = 0; j < Patterns.Length; j++)
            {
                if (FirstBytes[j] == b && !Verify(block, i, j, minEnd, matches, maxMatches))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Full compare of pattern <paramref name="j"/> at <paramref name="at"/>; false when the match cap is reached.</summary>
    protected bool Verify(ReadOnlySpan<byte> block, int at, int j, int minEnd, List<NeedleMatch> matches, int maxMatches)
    {
        byte[] p = Patterns[j];
        int end = at + p.Length;
        if (end <= block.Length && end > minEnd && block.Slice(at, p.Length).SequenceEqual(p))
        {
            matches.Add(new NeedleMatch(at, j));
            return matches.Count < maxMatches;
        }

        return true;
    }
}
