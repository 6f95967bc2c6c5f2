using Sensor.Platform.Processes;

namespace Sensor.Scanning;

/// <summary>
/// A run of bytes read from a process: <see cref="Bytes"/>[0] is at <see cref="Address"/>. The first
/// <see cref="CarriedBytes"/> bytes repeat the end of the previous block of the same region (the overlap), so a
/// match that straddles two chunks is whole in the later one. Valid until the next read.
/// </summary>
public readonly ref struct MemoryBlock
{
    public MemoryBlock(ulong address, ReadOnlySpan<byte> bytes, int carriedBytes, MemoryRegion region)
    {
        Address = address;
        Bytes = bytes;
        CarriedBytes = carriedBytes;
        Region = region;
    }

    public ulong Address { get; }

    public ReadOnlySpan<byte> Bytes { get; }

    public int CarriedBytes { get; }

    public MemoryRegion Region { get; }
}
