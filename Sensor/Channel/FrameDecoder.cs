using System.Buffers;
using K4os.Compression.LZ4;

namespace Sensor.Channel;

/// <summary>
/// Decodes frames from contiguous bytes. Every cap is checked on the header before a byte is allocated, so a hostile
/// length prefix costs nothing. Used by <see cref="FrameReader"/> for bodies and directly by tests and the fuzzer.
/// </summary>
public static class FrameDecoder
{
    /// <summary>
    /// Decodes the first frame of <paramref name="wire"/>. Returns <see cref="ProtocolError.Truncated"/> when the bytes
    /// end inside the frame (a stream reader would wait for more), <see cref="ProtocolError.None"/> with the frame and
    /// the number of bytes it used, or the rule the frame breaks.
    /// </summary>
    public static ProtocolError TryDecode(ReadOnlySpan<byte> wire, FrameLimits limits, out Frame? frame, out int consumed)
    {
        frame = null;
        consumed = 0;
        if (wire.Length < FrameHeader.Size)
        {
            return ProtocolError.Truncated;
        }

        ProtocolError error = FrameHeader.TryParse(wire, limits, out FrameHeader header);
        if (error != ProtocolError.None)
        {
            return error;
        }

        ReadOnlySpan<byte> rest = wire[FrameHeader.Size..];
        if (header.IsCompressed && rest.Length >= FrameHeader.DecodedLengthSize)
        {
            // Refuse an oversized declaration before waiting for (or allocating) the rest of the body.
            error = FrameHeader.TryParseDecodedLength(rest, limits, out _);
            if (error != ProtocolError.None)
            {
                return error;
            }
        }

        if (rest.Length < header.BodyLength)
        {
            return ProtocolError.Truncated;
        }

        error = DecodeBody(rest[..header.BodyLength], header, limits, out frame);
        if (error == ProtocolError.None)
        {
            consumed = FrameHeader.Size + header.BodyLength;
        }

        return error;
    }

    /// <summary>Turns a complete body into a frame: copied when plain, LZ4-decoded into exactly the declared size when compressed.</summary>
    public static ProtocolError DecodeBody(ReadOnlySpan<byte> body, FrameHeader header, FrameLimits limits, out Frame? frame)
    {
        frame = null;
        if (!header.IsCompressed)
        {
            byte[] plain = ArrayPool<byte>.Shared.Rent(body.Length);
            body.CopyTo(plain);
            frame = new Frame(plain, body.Length);
            return ProtocolError.None;
        }

        ProtocolError error = FrameHeader.TryParseDecodedLength(body, limits, out int decodedLength);
        if (error != ProtocolError.None)
        {
            return error;
        }

        return DecodeBlock(body[FrameHeader.DecodedLengthSize..], decodedLength, out frame);
    }

    /// <summary>LZ4-decodes a block into a buffer of exactly <paramref name="decodedLength"/> bytes.</summary>
    public static ProtocolError DecodeBlock(ReadOnlySpan<byte> block, int decodedLength, out Frame? frame)
    {
        frame = null;
        byte[] decoded = ArrayPool<byte>.Shared.Rent(decodedLength);
        // The target is sliced to the declared size: a block that would write more fails (returns -1) instead of
        // spilling into the rest of the pooled array.
        int written = LZ4Codec.Decode(block, decoded.AsSpan(0, decodedLength));
        if (written != decodedLength)
        {
            ArrayPool<byte>.Shared.Return(decoded);
            return written < 0 ? ProtocolError.DecompressionFailed : ProtocolError.DecodedLengthMismatch;
        }

        frame = new Frame(decoded, decodedLength);
        return ProtocolError.None;
    }

    public static string Describe(ProtocolError error, FrameLimits limits) => error switch
    {
        ProtocolError.Truncated => "the stream ended inside a frame",
        ProtocolError.WireTooLarge => $"frame body length over the cap of {limits.MaxWireBytes} bytes",
        ProtocolError.DecodedTooLarge => $"compressed frame declares a decoded length over the cap of {limits.MaxDecodedBytes} bytes",
        ProtocolError.UnknownFlags => "frame flags with undefined bits",
        ProtocolError.EmptyBody => "empty frame body",
        ProtocolError.DecompressionFailed => "LZ4 block corrupt or larger than its declared length",
        ProtocolError.DecodedLengthMismatch => "LZ4 block shorter than its declared length",
        _ => error.ToString(),
    };
}
