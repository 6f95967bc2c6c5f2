using System.Runtime.InteropServices;

namespace Sensor.Scanning;

/// <summary>
/// mem_strings' engine: feeds every block of a process to three run extractors (bytes, and UTF-16LE at even and odd
/// addresses). The reader overlaps chunks by one byte so a UTF-16 unit split across two chunks is seen whole.
/// </summary>
public sealed class MemoryStringCollector
{
    private readonly StringRunExtractor<byte> _ascii;
    private readonly StringRunExtractor<ushort> _wideEven;
    private readonly StringRunExtractor<ushort> _wideOdd;

    public MemoryStringCollector(IStringRunSink sink, MemoryBlockReader? reader = null)
    {
        _ascii = new StringRunExtractor<byte>(sink);
        _wideEven = new StringRunExtractor<ushort>(sink);
        _wideOdd = new StringRunExtractor<ushort>(sink);
        Reader = reader ?? new MemoryBlockReader();
    }

    public MemoryBlockReader Reader { get; }

    public ScanStopReason CollectProcess(int processId, MemoryScanOptions options, CancellationToken cancellation = default)
    {
        _ascii.Reset();
        _wideEven.Reset();
        _wideOdd.Reset();
        if (Reader.Begin(processId, options, overlap: 1, cancellation) != 0)
        {
            return Reader.StopReason;
        }

        while (Reader.ReadNext(out MemoryBlock block))
        {
            Feed(block.Address, block.Bytes);
            if (!_ascii.Active || !_wideEven.Active || !_wideOdd.Active)
            {
                Reader.StopEarly(ScanStopReason.HitCap);
                return Reader.StopReason;
            }
        }

        _ascii.Flush();
        _wideEven.Flush();
        _wideOdd.Flush();
        return !_ascii.Active || !_wideEven.Active || !_wideOdd.Active ? ScanStopReason.HitCap : Reader.StopReason;
    }

    /// <summary>Feeds one block (used directly by tests and benchmarks on in-process buffers).</summary>
    public void Feed(ulong address, ReadOnlySpan<byte> bytes)
    {
        _ascii.Feed(address, bytes);
        int even = (int)(address & 1); // offset of the first byte at an even address
        if (bytes.Length > even + 1)
        {
            ReadOnlySpan<byte> e = bytes[even..];
            _wideEven.Feed(address + (ulong)even, MemoryMarshal.Cast<byte, ushort>(e));
        }

        int odd = even ^ 1;
        if (bytes.Length > odd + 1)
        {
            ReadOnlySpan<byte> o = bytes[odd..];
            _wideOdd.Feed(address + (ulong)odd, MemoryMarshal.Cast<byte, ushort>(o));
        }
    }

    public void Flush()
    {
        _ascii.Flush();
        _wideEven.Flush();
        _wideOdd.Flush();
    }
}
