namespace Sensor.Scanning;

/// <summary>
/// The byte classes <see cref="StringRunScanner"/> needs for 64 bytes at a time, one bit per byte (bit i = byte i):
/// printable (0x20..0x7E or tab) and zero. One implementation per instruction set; the scanner's loop is generic over
/// them so each variant is compiled as its own loop with no call per window.
/// </summary>
public interface IPrintableMasks
{
    /// <summary>Bit i of Printable: byte i is printable; of Zero: byte i is 0.</summary>
    static abstract (ulong Printable, ulong Zero) Compute(ref byte at);
}
