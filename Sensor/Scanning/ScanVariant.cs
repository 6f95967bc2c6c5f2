namespace Sensor.Scanning;

/// <summary>
/// The instruction-set variants of the vectorized scanners (needle search, string runs), widest last. Each scanner
/// picks the widest one the CPU runs, decided once by the AOT compiler's feature checks; the tests run every one.
/// </summary>
public enum ScanVariant
{
    Scalar = 0,
    Vector128 = 1,
    Avx2 = 2,
}
