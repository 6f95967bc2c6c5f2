using System.Runtime.CompilerServices;

namespace Sensor.Platform.Network;

/// <summary>
/// An IPv4 or IPv6 address in network byte order, held inline (no allocation per socket). IPv4 uses the first four
/// bytes.
/// </summary>
[InlineArray(16)]
public struct IpAddressBytes
{
    private byte _element0;
}
