using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Sensor.Channel;

/// <summary>
/// Writes frames to a stream, one write per frame. Bodies of at least <see cref="CompressionThreshold"/> bytes are
/// LZ4-compressed when that makes them smaller. Not thread-safe: the connection serializes writers.
/// </summary>
public sealed class FrameWriter(Stream stream, FrameLimits limits)
{
    public int CompressionThreshold { get; set; } = 4096;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellation)
    {
        byte[] frame = Encode(payload.Span, limits, CompressionThreshold, out int length);
        try
        {
            await stream.WriteAsync(frame.AsMemory(0, length), cancellation).ConfigureAwait(false);
            await stream.FlushAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Builds one frame in a pooled array (return it to <see cref="ArrayPool{T}.Shared"/>).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload, FrameLimits limits, int compressionThreshold, out int length)
    {
        if (payload.Length == 0 || payload.Length > limits.MaxDecodedBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "frame payload outside 1 .. the decoded cap");
        }

        if (payload.Length >= compressionThreshold)
        {
            int bound = LZ4Codec.MaximumOutputSize(payload.Length);
            byte[] compressed = ArrayPool<byte>.Shared.Rent(FrameHeader.Size + FrameHeader.DecodedLengthSize + bound);
            int encoded = LZ4Codec.Encode(payload, compressed.AsSpan(FrameHeader.Size + FrameHeader.DecodedLengthSize, bound));
            int body = FrameHeader.DecodedLengthSize + encoded;
            if (encoded > 0 && body < payload.Length && body <= limits.MaxWireBytes)
            {
                new FrameHeader(body, FrameHeader.FlagLz4).Write(compressed);
                BinaryPrimitives.WriteUInt32BigEndian(compressed.AsSpan(FrameHeader.Size), (uint)payload.Length);
                length = FrameHeader.Size + body;
                return compressed;
            }

            ArrayPool<byte>.Shared.Return(compressed);
        }

        if (payload.Length > limits.MaxWireBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "frame payload over the wire cap");
        }

        byte[] plain = ArrayPool<byte>.Shared.Rent(FrameHeader.Size + payload.Length);
        new FrameHeader(payload.Length, 0).Write(plain);
        payload.CopyTo(plain.AsSpan(FrameHeader.Size));
        length = FrameHeader.Size + payload.Length;
        return plain;
    }
}
