using System.Buffers;

namespace Sensor.Channel;

/// <summary>
/// Reads frames from a stream (the TLS stream of a connection). Caps are checked on the five header bytes, and on the
/// decoded-length prefix of a compressed body, before the body is allocated or read. A frame must arrive whole
/// within <see cref="ReadTimeout"/> of its first byte being awaited, so a peer that sends half a frame and stalls is
/// detected.
/// </summary>
public sealed class FrameReader(Stream stream, FrameLimits limits)
{
    private readonly byte[] _header = new byte[FrameHeader.Size + FrameHeader.DecodedLengthSize];

    public FrameLimits Limits => limits;

    /// <summary>How long one whole frame may take, from the start of the read; infinite by default.</summary>
    public TimeSpan ReadTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>The next frame, or null when the peer closed the stream cleanly between frames.</summary>
    /// <exception cref="ChannelProtocolException">The frame breaks a rule, is truncated, or timed out.</exception>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (ReadTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(ReadTimeout);
        }

        try
        {
            return await ReadCoreAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new ChannelProtocolException(ProtocolError.ReadTimeout,
                $"no complete frame within {ReadTimeout.TotalSeconds:0.###} s");
        }
    }

    private async ValueTask<Frame?> ReadCoreAsync(CancellationToken cancellation)
    {
        int got = await ReadAtLeastAsync(_header.AsMemory(0, FrameHeader.Size), cancellation).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < FrameHeader.Size)
        {
            throw Violation(ProtocolError.Truncated);
        }

        ProtocolError error = FrameHeader.TryParse(_header, limits, out FrameHeader header);
        if (error != ProtocolError.None)
        {
            throw Violation(error);
        }

        int bodyLength = header.BodyLength;
        int decodedLength = 0;
        if (header.IsCompressed)
        {
            Memory<byte> prefix = _header.AsMemory(FrameHeader.Size, FrameHeader.DecodedLengthSize);
            if (await ReadAtLeastAsync(prefix, cancellation).ConfigureAwait(false) < prefix.Length)
            {
                throw Violation(ProtocolError.Truncated);
            }

            error = FrameHeader.TryParseDecodedLength(prefix.Span, limits, out decodedLength);
            if (error != ProtocolError.None)
            {
                throw Violation(error);
            }

            bodyLength -= FrameHeader.DecodedLengthSize;
        }

        byte[] body = ArrayPool<byte>.Shared.Rent(bodyLength);
        bool keepBody = false;
        try
        {
            if (await ReadAtLeastAsync(body.AsMemory(0, bodyLength), cancellation).ConfigureAwait(false) < bodyLength)
            {
                throw Violation(ProtocolError.Truncated);
            }

            if (!header.IsCompressed)
            {
                keepBody = true;
                return new Frame(body, bodyLength);
            }

            error = FrameDecoder.DecodeBlock(body.AsSpan(0, bodyLength), decodedLength, out Frame? frame);
            return error == ProtocolError.None ? frame : throw Violation(error);
        }
        finally
        {
            if (!keepBody)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
    }

    private async ValueTask<int> ReadAtLeastAsync(Memory<byte> buffer, CancellationToken cancellation) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellation).ConfigureAwait(false);

    private ChannelProtocolException Violation(ProtocolError error) => new(error, FrameDecoder.Describe(error, limits));
}
