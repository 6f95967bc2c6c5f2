using System.Net;
using Sensor.Platform.Network;

namespace Sensor.Commands.Network;

/// <summary>Formats socket addresses as UTF-8 text: dotted quad for IPv4, RFC 5952 for IPv6.</summary>
public static class IpAddressText
{
    /// <summary>Writes the address; returns the number of bytes (at most 45).</summary>
    public static int Format(in IpAddressBytes address, bool isIPv6, Span<byte> utf8)
    {
        ReadOnlySpan<byte> bytes = address;
        if (!isIPv6)
        {
            int written = 0;
            for (int i = 0; i < 4; i++)
            {
                if (i > 0)
                {
                    utf8[written++] = (byte)'.';
                }

                bytes[i].TryFormat(utf8[written..], out int n);
                written += n;
            }

            return written;
        }

        if (bytes.IndexOfAnyExcept((byte)0) < 0)
        {
            "::"u8.CopyTo(utf8);
            return 2;
        }

        // IPv6 text is rare enough (and its compression rules subtle enough) to leave to IPAddress.
        new IPAddress(bytes).TryFormat(utf8, out int length);
        return length;
    }
}
