using System.Buffers;
using MessagePack;
using Sensor.Channel;

namespace Sensor.Tests.Channel;

public sealed class MessageCodecTests
{
    private static readonly FrameLimits Limits = FrameLimits.Default;

    private static TaskMessage SampleTask() => new()
    {
        TaskId = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        InvestigationId = [.. "inv/2024/a b"u8, 0xff, 0x00, (byte)'/'],
        Command = "file_del",
        Arguments = ["/tmp/x y", "--flag", ""],
        ExpiryMs = 1_900_000_000_000,
    };

    private static byte[] Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Test]
    public void ReadTask_WrittenTask_RoundTripsInvestigationIdByteForByte()
    {
        TaskMessage task = SampleTask();
        byte[] bytes = Write(w => MessageCodec.WriteTask(w, task));

        Assert.That(MessageCodec.ReadKind(bytes, Limits), Is.EqualTo(MessageKind.Task));
        TaskMessage read = MessageCodec.ReadTask(bytes, Limits);

        Assert.That(read.TaskId, Is.EqualTo(task.TaskId));
        Assert.That(read.InvestigationId, Is.EqualTo(task.InvestigationId));
        Assert.That(read.Command, Is.EqualTo(task.Command));
        Assert.That(read.Arguments, Is.EqualTo(task.Arguments));
        Assert.That(read.ExpiryMs, Is.EqualTo(task.ExpiryMs));
    }

    [Test]
    public void ReadHelloWelcomeAckPingEvent_Written_RoundTrip()
    {
        var hello = new HelloMessage { Sid = "s", Credential = [1, 2], Hostname = "h", Plat = 7, Arch = 2, AgentVersion = "1", StreamId = 99 };
        HelloMessage h = MessageCodec.ReadHello(Write(w => MessageCodec.WriteHello(w, hello)), Limits);
        Assert.That((h.Sid, h.Credential, h.Hostname, h.Plat, h.Arch, h.StreamId, h.ProtocolVersion),
            Is.EqualTo(("s", new byte[] { 1, 2 }, "h", 7, 2, 99UL, ChannelProtocol.Version)));

        WelcomeMessage welcome = MessageCodec.ReadWelcome(
            Write(w => MessageCodec.WriteWelcome(w, new WelcomeMessage { Status = WelcomeStatus.CredentialRefused, Message = "no", ServerTimeMs = 1_796_000_000_123 })), Limits);
        Assert.That((welcome.Status, welcome.Message, welcome.ServerTimeMs), Is.EqualTo((WelcomeStatus.CredentialRefused, "no", (long?)1_796_000_000_123)));

        AckMessage ack = MessageCodec.ReadAck(Write(w => MessageCodec.WriteAck(w, new AckMessage { EventSequence = 5, TaskId = [9] })), Limits);
        Assert.That((ack.EventSequence, ack.TaskId), Is.EqualTo((5UL, new byte[] { 9 })));

        Assert.That(MessageCodec.ReadPing(Write(w => MessageCodec.WritePing(w, new PingMessage(3, true))), Limits),
            Is.EqualTo(new PingMessage(3, true)));

        EventMessage e = MessageCodec.ReadEvent(Write(w => MessageCodec.WriteEvent(w, 42, [0x80])), Limits);
        Assert.That((e.Sequence, e.Data.ToArray()), Is.EqualTo((42UL, new byte[] { 0x80 })));
    }

    [Test]
    public void ReadTask_TruncatedAtEveryOffset_RejectedAsMalformed()
    {
        byte[] bytes = Write(w => MessageCodec.WriteTask(w, SampleTask()));
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadTask(bytes.AsMemory(0, cut), Limits), $"cut {cut}");
            Assert.That(e!.Error, Is.EqualTo(ProtocolError.MalformedMessage), $"cut {cut}");
        }
    }

    [TestCase(0)]
    [TestCase(7)]
    [TestCase(-1)]
    [TestCase(1000)]
    public void ReadKind_UnknownKind_Rejected(int kind)
    {
        byte[] bytes = Write(w =>
        {
            var m = new MessagePackWriter(w);
            m.WriteMapHeader(1);
            m.Write("kind");
            m.Write(kind);
            m.Flush();
        });

        var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadKind(bytes, Limits));
        Assert.That(e!.Error, Is.EqualTo(ProtocolError.UnknownKind));
    }

    [Test]
    public void ReadTask_DeepNestingInUnknownKey_RejectedAsTooDeep()
    {
        byte[] bytes = Write(w =>
        {
            var m = new MessagePackWriter(w);
            m.WriteMapHeader(2);
            m.Write("kind");
            m.Write((int)MessageKind.Task);
            m.Write("x");
            for (int i = 0; i < 100_000; i++)
            {
                m.WriteArrayHeader(1);
            }

            m.Write(1);
            m.Flush();
        });

        var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadTask(bytes, Limits));
        Assert.That(e!.Error, Is.EqualTo(ProtocolError.TooDeep));
    }

    [TestCase("argv-int")]
    [TestCase("argv-not-array")]
    [TestCase("cmd-int")]
    [TestCase("exp-string")]
    [TestCase("id-map")]
    [TestCase("not-a-map")]
    [TestCase("kind-not-first")]
    [TestCase("trailing-bytes")]
    public void ReadTask_WrongTypes_RejectedAsMalformed(string variant)
    {
        byte[] bytes = Write(w =>
        {
            var m = new MessagePackWriter(w);
            if (variant == "not-a-map")
            {
                m.WriteArrayHeader(1);
                m.Write(3);
                m.Flush();
                return;
            }

            m.WriteMapHeader(5);
            if (variant == "kind-not-first")
            {
                m.Write("id");
                m.Write(new byte[] { 1 });
                m.Write("kind");
                m.Write((int)MessageKind.Task);
            }
            else
            {
                m.Write("kind");
                m.Write((int)MessageKind.Task);
                m.Write("id");
                if (variant == "id-map")
                {
                    m.WriteMapHeader(0);
                }
                else
                {
                    m.Write(new byte[] { 1 });
                }
            }

            m.Write("cmd");
            if (variant == "cmd-int")
            {
                m.Write(5);
            }
            else
            {
                m.Write("file_del");
            }

            m.Write("argv");
            if (variant == "argv-int")
            {
                m.WriteArrayHeader(2);
                m.Write("a");
                m.Write(2);
            }
            else if (variant == "argv-not-array")
            {
                m.Write("a b");
            }
            else
            {
                m.WriteArrayHeader(0);
            }

            m.Write("exp");
            if (variant == "exp-string")
            {
                m.Write("soon");
            }
            else
            {
                m.Write(1L);
            }

            if (variant == "trailing-bytes")
            {
                m.Write(0);
            }

            m.Flush();
        });

        var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadTask(bytes, Limits));
        Assert.That(e!.Error, Is.EqualTo(ProtocolError.MalformedMessage), e.Message);
    }

    [TestCase(0xFFFF_FFFFu)]
    [TestCase(0x8000_0000u)]
    [TestCase(257u)]
    public void ReadTask_HugeArgumentCount_RejectedBeforeAllocatingTheArray(uint count)
    {
        byte[] bytes = Write(w =>
        {
            var m = new MessagePackWriter(w);
            m.WriteMapHeader(2);
            m.Write("kind");
            m.Write((int)MessageKind.Task);
            m.Write("argv");
            m.WriteArrayHeader(count);
            for (int i = 0; i < 300; i++)
            {
                m.Write("");
            }

            m.Flush();
        });

        Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadTask(bytes, Limits));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadTask(bytes, Limits));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(e!.Error, Is.AnyOf(ProtocolError.FieldTooLarge, ProtocolError.MalformedMessage));
        // 257 string slots would be 2 KiB and 2^32 slots 32 GiB; only the exception is allocated.
        Assert.That(allocated, Is.LessThan(8 * 1024));
    }

    [Test]
    public void ReadTask_OversizedInvestigationId_RejectedAsTooLarge()
    {
        TaskMessage task = SampleTask();
        task.InvestigationId = new byte[ChannelProtocol.MaxInvestigationIdBytes + 1];
        byte[] bytes = Write(w => MessageCodec.WriteTask(w, task));

        var e = Assert.Throws<ChannelProtocolException>(() => MessageCodec.ReadTask(bytes, Limits));
        Assert.That(e!.Error, Is.EqualTo(ProtocolError.FieldTooLarge));
    }

    [Test]
    public void ReadTask_UnknownCommandName_ParsesForTheRunnerToRefuse()
    {
        TaskMessage task = SampleTask();
        task.Command = "no_such_command";
        Assert.That(MessageCodec.ReadTask(Write(w => MessageCodec.WriteTask(w, task)), Limits).Command, Is.EqualTo("no_such_command"));
    }
}
