using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sensor.Scanning;

public static class ScanVariants
{
    /// <summary>The variants this CPU can run, widest first.</summary>
    public static IEnumerable<ScanVariant> Supported()
    {
        if (Avx2.IsSupported)
        {
            yield return ScanVariant.Avx2;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            yield return ScanVariant.Vector128;
        }

        yield return ScanVariant.Scalar;
    }
}
