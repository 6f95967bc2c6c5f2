using System.Runtime.InteropServices;
using Sensor.Scanning;

namespace Sensor.Tests.Support;

/// <summary>The reference extractors fed as the old collector fed them: ASCII, then UTF-16 at even, then at odd addresses.</summary>
internal sealed class ReferenceStringCollector(IStringRunSink sink)
{
    private readonly ReferenceStringRunExtractor<byte> _ascii = new(sink);
    private readonly ReferenceStringRunExtractor<ushort> _wideEven = new(sink);
    private readonly ReferenceStringRunExtractor<ushort> _wideOdd = new(sink);

    public bool Active => _ascii.Active && _wideEven.Active && _wideOdd.Active;

    public void Feed(ulong address, ReadOnlySpan<byte> bytes)
    {
        _ascii.Feed(address, bytes);
        int even = (int)(address & 1);
        if (bytes.Length > even + 1)
        {
            _wideEven.Feed(address + (ulong)even, MemoryMarshal.Cast<byte, ushort>(bytes[even..]));
        }

        int odd = even ^ 1;
        if (bytes.Length > odd + 1)
        {
            _wideOdd.Feed(address + (ulong)odd, MemoryMarshal.Cast<byte, ushort>(bytes[odd..]));
        }
    }

    public void Flush()
    {
        _ascii.Flush();
        _wideEven.Flush();
        _wideOdd.Flush();
    }
}
