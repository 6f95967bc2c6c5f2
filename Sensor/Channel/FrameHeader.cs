using System.Buffers.Binary;

namespace Sensor.Channel;

/// <summary>
/// The five bytes in front of every frame: a big-endian u32 body length and a flags byte (bit 0: the body is an LZ4
/// block preceded by its big-endian u32 decoded length).
/// </summary>
public readonly record struct FrameHeader(int BodyLength, byte Flags)
{
    public const int Size = 5;
    public const byte FlagLz4 = 0x01;
    public const byte KnownFlags = FlagLz4;

    /// <summary>Size of the decoded-length prefix of a compressed body.</summary>
    public const int DecodedLengthSize = 4;

    public bool IsCompressed => (Flags & FlagLz4) != 0;

    /// <summary>Checks a header against the caps without allocating. <paramref name="bytes"/> holds at least 5 bytes.</summary>
    public static ProtocolError TryParse(ReadOnlySpan<byte> bytes, FrameLimits limits, out FrameHeader header)
    {
        header = default;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        byte flags = bytes[4];
        if (length > (uint)limits.MaxWireBytes)
        {
            return ProtocolError.WireTooLarge;
        }

        if ((flags & ~KnownFlags) != 0)
        {
            return ProtocolError.UnknownFlags;
        }

        if (length == 0 || ((flags & FlagLz4) != 0 && length <= DecodedLengthSize))
        {
            return ProtocolError.EmptyBody;
        }

        header = new FrameHeader((int)length, flags);
        return ProtocolError.None;
    }

    /// <summary>Checks the decoded length a compressed body declares.</summary>
    public static ProtocolError TryParseDecodedLength(ReadOnlySpan<byte> bytes, FrameLimits limits, out int decodedLength)
    {
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        decodedLength = 0;
        if (declared > (uint)limits.MaxDecodedBytes)
        {
            return ProtocolError.DecodedTooLarge;
        }

        if (declared == 0)
        {
            return ProtocolError.EmptyBody;
        }

        decodedLength = (int)declared;
        return ProtocolError.None;
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)BodyLength);
        destination[4] = Flags;
    }
}
