using System.Buffers.Binary;
using K4os.Compression.LZ4;
using Sensor.Channel;
using Sensor.Tests.Support;

namespace Sensor.Tests.Channel;

public sealed class FrameDecoderTests
{
    private static readonly FrameLimits Limits = FrameLimits.Default;

    private static byte[] Encode(byte[] payload, int threshold = 4096)
    {
        byte[] pooled = FrameWriter.Encode(payload, Limits, threshold, out int length);
        return pooled.AsSpan(0, length).ToArray();
    }

    private static byte[] Payload(int size)
    {
        var bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i % 7 == 0 ? i : 'a');
        }

        return bytes;
    }

    [TestCase(1, 4096)]
    [TestCase(100, 4096)]
    [TestCase(100_000, 4096)]
    [TestCase(100, 1)]
    public void TryDecode_EncodedFrame_RoundTrips(int size, int threshold)
    {
        byte[] payload = Payload(size);
        byte[] wire = Encode(payload, threshold);

        ProtocolError error = FrameDecoder.TryDecode(wire, Limits, out Frame? frame, out int consumed);

        Assert.That(error, Is.EqualTo(ProtocolError.None));
        using (frame)
        {
            Assert.That(consumed, Is.EqualTo(wire.Length));
            Assert.That(frame!.Payload.ToArray(), Is.EqualTo(payload));
        }
    }

    [Test]
    public void Encode_LargeRepetitivePayload_IsCompressed()
    {
        byte[] wire = Encode(Payload(100_000));
        Assert.That(wire[4] & FrameHeader.FlagLz4, Is.EqualTo(FrameHeader.FlagLz4));
        Assert.That(wire.Length, Is.LessThan(100_000 / 2));
    }

    [TestCase(300, 4096)]
    [TestCase(50_000, 4096)]
    public void TryDecode_TruncatedAtEveryOffset_ReportsTruncated(int size, int threshold)
    {
        byte[] wire = Encode(Payload(size), threshold);
        for (int cut = 0; cut < wire.Length; cut++)
        {
            ProtocolError error = FrameDecoder.TryDecode(wire.AsSpan(0, cut), Limits, out Frame? frame, out int consumed);
            Assert.That(error, Is.EqualTo(ProtocolError.Truncated), $"cut at {cut}");
            Assert.That(frame, Is.Null);
            Assert.That(consumed, Is.Zero);
        }
    }

    [TestCase(300, 4096)]
    [TestCase(50_000, 4096)]
    public async Task ReadAsync_StreamTruncatedAtEveryOffset_ThrowsTruncatedOrEndsCleanly(int size, int threshold)
    {
        byte[] wire = Encode(Payload(size), threshold);
        int step = Math.Max(1, wire.Length / 400);
        for (int cut = 0; cut < wire.Length; cut += cut < 16 ? 1 : step)
        {
            var reader = new FrameReader(new MemoryStream(wire, 0, cut), Limits);
            if (cut == 0)
            {
                Assert.That(await reader.ReadAsync(CancellationToken.None), Is.Null, "a stream closed between frames");
                continue;
            }

            var e = Assert.ThrowsAsync<ChannelProtocolException>(async () => await reader.ReadAsync(CancellationToken.None));
            Assert.That(e!.Error, Is.EqualTo(ProtocolError.Truncated), $"cut at {cut}");
        }
    }

    [TestCase(0x8000_0000u, (byte)0, ProtocolError.WireTooLarge)]
    [TestCase(0xFFFF_FFFFu, (byte)0, ProtocolError.WireTooLarge)]
    [TestCase(0x8000_0000u, (byte)1, ProtocolError.WireTooLarge)]
    [TestCase(0xFFFF_FFFFu, (byte)1, ProtocolError.WireTooLarge)]
    [TestCase(16u * 1024 * 1024 + 1, (byte)0, ProtocolError.WireTooLarge)]
    [TestCase(10u, (byte)0x80, ProtocolError.UnknownFlags)]
    [TestCase(0u, (byte)0, ProtocolError.EmptyBody)]
    [TestCase(4u, (byte)1, ProtocolError.EmptyBody)]
    public void TryDecode_HostileHeader_RejectedWithoutAllocating(uint length, byte flags, ProtocolError expected)
    {
        byte[] wire = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(wire, length);
        wire[4] = flags;

        TryDecodeOnce(wire); // JIT and statics first
        long before = GC.GetAllocatedBytesForCurrentThread();
        ProtocolError error = TryDecodeOnce(wire);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(error, Is.EqualTo(expected));
        Assert.That(allocated, Is.Zero);
    }

    [TestCase(0x8000_0000u)]
    [TestCase(0xFFFF_FFFFu)]
    public async Task ReadAsync_HugeLengthPrefix_RejectedBeforeAllocatingTheBody(uint length)
    {
        byte[] wire = new byte[1024];
        BinaryPrimitives.WriteUInt32BigEndian(wire, length);

        await ReadExpectingAsync(wire, ProtocolError.WireTooLarge); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        await ReadExpectingAsync(wire, ProtocolError.WireTooLarge);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The exception, its message and the timeout source are all that is allocated: far below one body.
        Assert.That(allocated, Is.LessThan(16 * 1024));
    }

    [Test]
    public async Task ReadAsync_Lz4Declaring2GiB_RejectedBeforeAllocating()
    {
        byte[] wire = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(wire, 40);
        wire[4] = FrameHeader.FlagLz4;
        BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(5), 0x8000_0000u);

        Assert.That(TryDecodeOnce(wire), Is.EqualTo(ProtocolError.DecodedTooLarge));
        long before = GC.GetAllocatedBytesForCurrentThread();
        ProtocolError error = TryDecodeOnce(wire);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(error, Is.EqualTo(ProtocolError.DecodedTooLarge));
        Assert.That(allocated, Is.Zero);

        await ReadExpectingAsync(wire, ProtocolError.DecodedTooLarge);
        before = GC.GetAllocatedBytesForCurrentThread();
        await ReadExpectingAsync(wire, ProtocolError.DecodedTooLarge);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(16 * 1024));
    }

    [Test]
    public void TryDecode_BlockDecodingToMoreThanDeclared_Rejected()
    {
        byte[] payload = Payload(10_000);
        byte[] wire = CompressedFrame(payload, declared: payload.Length - 1);

        Assert.That(FrameDecoder.TryDecode(wire, Limits, out Frame? frame, out _), Is.EqualTo(ProtocolError.DecompressionFailed));
        Assert.That(frame, Is.Null);
    }

    [Test]
    public void TryDecode_BlockDecodingToLessThanDeclared_Rejected()
    {
        byte[] payload = Payload(10_000);
        byte[] wire = CompressedFrame(payload, declared: payload.Length + 1);

        Assert.That(FrameDecoder.TryDecode(wire, Limits, out _, out _), Is.EqualTo(ProtocolError.DecodedLengthMismatch));
    }

    [Test]
    public async Task ReadAsync_CorruptBlock_ThrowsAndDoesNotWritePastTheDeclaredSize()
    {
        byte[] payload = Payload(10_000);
        byte[] wire = CompressedFrame(payload, declared: 100);

        await ReadExpectingAsync(wire, ProtocolError.DecompressionFailed);
    }

    [Test]
    public void TryDecode_TwoFramesBackToBack_ConsumesOneAtATime()
    {
        byte[] first = Encode(Payload(10));
        byte[] second = Encode(Payload(20_000));
        byte[] wire = [.. first, .. second];

        Assert.That(FrameDecoder.TryDecode(wire, Limits, out Frame? a, out int used), Is.EqualTo(ProtocolError.None));
        a!.Dispose();
        Assert.That(used, Is.EqualTo(first.Length));
        Assert.That(FrameDecoder.TryDecode(wire.AsSpan(used), Limits, out Frame? b, out int used2), Is.EqualTo(ProtocolError.None));
        Assert.That(b!.Length, Is.EqualTo(20_000));
        b.Dispose();
        Assert.That(used + used2, Is.EqualTo(wire.Length));
    }

    [Test]
    public async Task ReadAsync_HalfFrameThenStall_TimesOut()
    {
        byte[] wire = Encode(Payload(1000));
        var reader = new FrameReader(new StallingStream(wire[..(wire.Length / 2)]), Limits) { ReadTimeout = TimeSpan.FromMilliseconds(300) };
        await Task.Yield();

        var e = Assert.ThrowsAsync<ChannelProtocolException>(async () => await reader.ReadAsync(CancellationToken.None));
        Assert.That(e!.Error, Is.EqualTo(ProtocolError.ReadTimeout));
    }

    private static ProtocolError TryDecodeOnce(byte[] wire)
    {
        ProtocolError error = FrameDecoder.TryDecode(wire, Limits, out Frame? frame, out _);
        frame?.Dispose();
        return error;
    }

    private static async Task ReadExpectingAsync(byte[] wire, ProtocolError expected)
    {
        var reader = new FrameReader(new MemoryStream(wire), Limits);
        try
        {
            using Frame? frame = await reader.ReadAsync(CancellationToken.None);
            Assert.Fail($"expected {expected}, got a frame");
        }
        catch (ChannelProtocolException e)
        {
            Assert.That(e.Error, Is.EqualTo(expected));
        }
    }

    private static byte[] CompressedFrame(byte[] payload, int declared)
    {
        byte[] block = new byte[LZ4Codec.MaximumOutputSize(payload.Length)];
        int encoded = LZ4Codec.Encode(payload, block);
        byte[] wire = new byte[FrameHeader.Size + 4 + encoded];
        new FrameHeader(4 + encoded, FrameHeader.FlagLz4).Write(wire);
        BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(FrameHeader.Size), (uint)declared);
        block.AsSpan(0, encoded).CopyTo(wire.AsSpan(FrameHeader.Size + 4));
        return wire;
    }

    [Test]
    public void TryDecode_FuzzFoundStr32PastTheEnd_RejectedAsMalformed()
    {
        byte[] wire = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "Channel", "fuzz-crash-skip-str32.bin"));
        Assert.That(FrameDecoder.TryDecode(wire, Limits, out Frame? frame, out _), Is.EqualTo(ProtocolError.None));
        using (frame)
        {
            Assert.That(MessageCodec.ReadKind(frame!.Payload, Limits), Is.EqualTo(MessageKind.Welcome));
            var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadWelcome(frame.Payload, Limits));
            Assert.That(e!.Error, Is.EqualTo(ProtocolError.MalformedMessage));
        }
    }
}
