using System.Buffers;
using System.Text;
using MessagePack;

namespace Sensor.Channel;

/// <summary>
/// Reads and writes the protocol's messages: MessagePack maps whose first key is <c>kind</c>, read field by field with
/// <see cref="MessagePackReader"/> (never the dynamic serializer). Every length and count is checked against its cap
/// before anything is allocated for it; unknown keys are skipped under the depth cap; anything else is a
/// <see cref="ChannelProtocolException"/>.
/// </summary>
public static partial class MessageCodec
{
    private static ReadOnlySpan<byte> KeyKind => "kind"u8;
    private static ReadOnlySpan<byte> KeyProto => "proto"u8;
    private static ReadOnlySpan<byte> KeySid => "sid"u8;
    private static ReadOnlySpan<byte> KeyCredential => "cred"u8;
    private static ReadOnlySpan<byte> KeyInstallationKey => "ikey"u8;
    private static ReadOnlySpan<byte> KeyHost => "host"u8;
    private static ReadOnlySpan<byte> KeyPlat => "plat"u8;
    private static ReadOnlySpan<byte> KeyArch => "arch"u8;
    private static ReadOnlySpan<byte> KeyVersion => "ver"u8;
    private static ReadOnlySpan<byte> KeyStream => "stream"u8;
    private static ReadOnlySpan<byte> KeyStatus => "status"u8;
    private static ReadOnlySpan<byte> KeyMessage => "msg"u8;
    private static ReadOnlySpan<byte> KeyId => "id"u8;
    private static ReadOnlySpan<byte> KeyInvestigation => "inv"u8;
    private static ReadOnlySpan<byte> KeyCommand => "cmd"u8;
    private static ReadOnlySpan<byte> KeyArguments => "argv"u8;
    private static ReadOnlySpan<byte> KeyExpiry => "exp"u8;
    private static ReadOnlySpan<byte> KeySequence => "seq"u8;
    private static ReadOnlySpan<byte> KeyData => "data"u8;
    private static ReadOnlySpan<byte> KeyTask => "task"u8;
    private static ReadOnlySpan<byte> KeyNonce => "nonce"u8;
    private static ReadOnlySpan<byte> KeyReply => "reply"u8;
    private static ReadOnlySpan<byte> KeyTime => "time"u8;

    /// <summary>The kind of a message, checked to be one this version knows.</summary>
    public static MessageKind ReadKind(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var reader = Open(payload, out _);
        try
        {
            return ReadKindField(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }
    }

    public static HelloMessage ReadHello(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var message = new HelloMessage { ProtocolVersion = 0 };
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, MessageKind.Hello);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (key.SequenceEqual(KeyProto)) message.ProtocolVersion = ReadInt32(ref reader);
                else if (key.SequenceEqual(KeySid)) message.Sid = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
                else if (key.SequenceEqual(KeyCredential)) message.Credential = ReadRaw(ref reader, ChannelProtocol.MaxCredentialBytes);
                else if (key.SequenceEqual(KeyInstallationKey)) message.InstallationKey = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
                else if (key.SequenceEqual(KeyHost)) message.Hostname = ReadText(ref reader, ChannelProtocol.MaxTextBytes) ?? "";
                else if (key.SequenceEqual(KeyPlat)) message.Plat = ReadInt32(ref reader);
                else if (key.SequenceEqual(KeyArch)) message.Arch = ReadInt32(ref reader);
                else if (key.SequenceEqual(KeyVersion)) message.AgentVersion = ReadText(ref reader, ChannelProtocol.MaxTextBytes) ?? "";
                else if (key.SequenceEqual(KeyStream)) message.StreamId = ReadUInt64(ref reader);
                else Skip(ref reader, 1, limits.MaxDepth);
            }

            End(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        return message;
    }

    public static WelcomeMessage ReadWelcome(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var message = new WelcomeMessage { ProtocolVersion = 0 };
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, MessageKind.Welcome);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (key.SequenceEqual(KeyProto)) message.ProtocolVersion = ReadInt32(ref reader);
                else if (key.SequenceEqual(KeyStatus)) message.Status = (WelcomeStatus)ReadInt32(ref reader);
                else if (key.SequenceEqual(KeyMessage)) message.Message = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
                else if (key.SequenceEqual(KeySid)) message.Sid = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
                else if (key.SequenceEqual(KeyCredential)) message.Credential = ReadRaw(ref reader, ChannelProtocol.MaxCredentialBytes);
                else if (key.SequenceEqual(KeyTime)) message.ServerTimeMs = reader.ReadInt64();
                else Skip(ref reader, 1, limits.MaxDepth);
            }

            End(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        return message;
    }

    public static TaskMessage ReadTask(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var message = new TaskMessage();
        bool hasId = false, hasCommand = false, hasExpiry = false;
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, MessageKind.Task);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (key.SequenceEqual(KeyId))
                {
                    message.TaskId = ReadRaw(ref reader, ChannelProtocol.MaxTaskIdBytes) ?? throw Malformed("nil task id");
                    hasId = message.TaskId.Length > 0;
                }
                else if (key.SequenceEqual(KeyInvestigation))
                {
                    message.InvestigationId = ReadRaw(ref reader, ChannelProtocol.MaxInvestigationIdBytes) ?? [];
                }
                else if (key.SequenceEqual(KeyCommand))
                {
                    message.Command = ReadText(ref reader, ChannelProtocol.MaxCommandNameBytes) ?? "";
                    hasCommand = message.Command.Length > 0;
                }
                else if (key.SequenceEqual(KeyArguments))
                {
                    message.Arguments = ReadArguments(ref reader);
                }
                else if (key.SequenceEqual(KeyExpiry))
                {
                    message.ExpiryMs = ReadInt64(ref reader);
                    hasExpiry = true;
                }
                else
                {
                    Skip(ref reader, 1, limits.MaxDepth);
                }
            }

            End(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        if (!hasId || !hasCommand || !hasExpiry)
        {
            throw Malformed("task without id, cmd or exp");
        }

        return message;
    }

    /// <summary>Reads an event; <see cref="EventMessage.Data"/> is a slice of <paramref name="payload"/>, not a copy.</summary>
    public static EventMessage ReadEvent(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        ulong sequence = 0;
        ReadOnlyMemory<byte> data = default;
        bool hasData = false;
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, MessageKind.Event);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (key.SequenceEqual(KeySequence))
                {
                    sequence = ReadUInt64(ref reader);
                }
                else if (key.SequenceEqual(KeyData))
                {
                    if (reader.NextMessagePackType != MessagePackType.Binary)
                    {
                        throw Malformed("event data is not binary");
                    }

                    ReadOnlySequence<byte> bytes = reader.ReadBytes() ?? throw Malformed("nil event data");
                    // The binary's content ends where the reader now stands.
                    data = payload.Slice((int)(reader.Consumed - bytes.Length), (int)bytes.Length);
                    hasData = bytes.Length > 0;
                }
                else
                {
                    Skip(ref reader, 1, limits.MaxDepth);
                }
            }

            End(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        if (sequence == 0 || !hasData)
        {
            throw Malformed("event without seq or data");
        }

        return new EventMessage(sequence, data);
    }

    public static AckMessage ReadAck(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var message = new AckMessage();
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, MessageKind.Ack);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (key.SequenceEqual(KeySequence)) message.EventSequence = ReadUInt64(ref reader);
                else if (key.SequenceEqual(KeyTask)) message.TaskId = ReadRaw(ref reader, ChannelProtocol.MaxTaskIdBytes);
                else Skip(ref reader, 1, limits.MaxDepth);
            }

            End(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        return message;
    }

    public static PingMessage ReadPing(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        ulong nonce = 0;
        bool reply = false;
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, MessageKind.Ping);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (key.SequenceEqual(KeyNonce)) nonce = ReadUInt64(ref reader);
                else if (key.SequenceEqual(KeyReply)) reply = ReadBoolean(ref reader);
                else Skip(ref reader, 1, limits.MaxDepth);
            }

            End(ref reader);
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        return new PingMessage(nonce, reply);
    }

    private static MessagePackReader Open(ReadOnlyMemory<byte> payload, out int count)
    {
        var reader = new MessagePackReader(payload);
        try
        {
            if (reader.End || reader.NextMessagePackType != MessagePackType.Map)
            {
                throw Malformed("a message is a MessagePack map");
            }

            count = reader.ReadMapHeader();
        }
        catch (Exception e) when (IsReaderFailure(e))
        {
            throw Malformed(e.Message);
        }

        if (count < 1)
        {
            throw Malformed("empty message map");
        }

        return reader;
    }

    private static MessageKind ReadKindField(ref MessagePackReader reader)
    {
        if (!ReadKey(ref reader).SequenceEqual(KeyKind))
        {
            throw Malformed("the first key of a message must be kind");
        }

        int kind = ReadInt32(ref reader);
        return kind is >= (int)MessageKind.Hello and <= (int)MessageKind.Ping
            ? (MessageKind)kind
            : throw new ChannelProtocolException(ProtocolError.UnknownKind, $"unknown message kind {kind}");
    }

    private static void Expect(ref MessagePackReader reader, MessageKind expected)
    {
        MessageKind kind = ReadKindField(ref reader);
        if (kind != expected)
        {
            throw new ChannelProtocolException(ProtocolError.UnexpectedMessage, $"expected {expected}, got {kind}");
        }
    }

    private static void End(ref MessagePackReader reader)
    {
        if (!reader.End)
        {
            throw Malformed("bytes after the message map");
        }
    }

    private static ReadOnlySpan<byte> ReadKey(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Malformed("message keys are strings");
        }

        ReadOnlySequence<byte> key = reader.ReadStringSequence() ?? throw Malformed("nil key");
        // Payloads are single contiguous buffers, so the sequence is a single segment.
        return key.Length <= 16 ? key.FirstSpan : throw Malformed("unknown long key");
    }

    private static int ReadInt32(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadInt32() : throw Malformed("expected an integer");

    private static long ReadInt64(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadInt64() : throw Malformed("expected an integer");

    private static ulong ReadUInt64(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadUInt64() : throw Malformed("expected an integer");

    private static bool ReadBoolean(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Boolean ? reader.ReadBoolean() : throw Malformed("expected a boolean");

    /// <summary>A string, checked against <paramref name="cap"/> before it is decoded; nil gives null.</summary>
    private static string? ReadText(ref MessagePackReader reader, int cap)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw Malformed("expected a string");
        }

        ReadOnlySequence<byte> bytes = reader.ReadStringSequence()!.Value;
        if (bytes.Length > cap)
        {
            throw new ChannelProtocolException(ProtocolError.FieldTooLarge, $"string of {bytes.Length} bytes over the cap of {cap}");
        }

        return Encoding.UTF8.GetString(bytes.FirstSpan);
    }

    /// <summary>A string or binary kept as raw bytes (ids are copied byte for byte), checked against its cap first.</summary>
    private static byte[]? ReadRaw(ref MessagePackReader reader, int cap)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        ReadOnlySequence<byte> bytes = reader.NextMessagePackType switch
        {
            MessagePackType.String => reader.ReadStringSequence()!.Value,
            MessagePackType.Binary => reader.ReadBytes()!.Value,
            _ => throw Malformed("expected a string or binary"),
        };
        return bytes.Length <= cap
            ? bytes.FirstSpan.ToArray()
            : throw new ChannelProtocolException(ProtocolError.FieldTooLarge, $"id of {bytes.Length} bytes over the cap of {cap}");
    }

    private static string[] ReadArguments(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Malformed("argv is an array of strings");
        }

        int count = reader.ReadArrayHeader();
        // ReadArrayHeader already refuses counts larger than the bytes left; the cap bounds the rest.
        if (count > ChannelProtocol.MaxArguments)
        {
            throw new ChannelProtocolException(ProtocolError.FieldTooLarge, $"{count} arguments over the cap of {ChannelProtocol.MaxArguments}");
        }

        var arguments = new string[count];
        for (int i = 0; i < count; i++)
        {
            arguments[i] = ReadText(ref reader, ChannelProtocol.MaxArgumentBytes) ?? throw Malformed("nil argument");
        }

        return arguments;
    }

    /// <summary>Skips one value, refusing nesting deeper than <paramref name="maxDepth"/> (the message map is depth 1).</summary>
    private static void Skip(ref MessagePackReader reader, int depth, int maxDepth)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
            case MessagePackType.Array:
                if (depth + 1 > maxDepth)
                {
                    throw new ChannelProtocolException(ProtocolError.TooDeep, $"nesting deeper than {maxDepth}");
                }

                bool isMap = reader.NextMessagePackType == MessagePackType.Map;
                long items = isMap ? 2L * reader.ReadMapHeader() : reader.ReadArrayHeader();
                for (long i = 0; i < items; i++)
                {
                    Skip(ref reader, depth + 1, maxDepth);
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>
    /// What <see cref="MessagePackReader"/> throws on bad input. ArgumentOutOfRangeException included: Skip() over a
    /// str32/bin32 whose length is past the end throws it (found by afl, Samples/Channel/fuzz-crash-skip-str32.bin).
    /// </summary>
    private static bool IsReaderFailure(Exception e) =>
        e is MessagePackSerializationException or EndOfStreamException or OverflowException or ArgumentOutOfRangeException;

    private static ChannelProtocolException Malformed(string message) => new(ProtocolError.MalformedMessage, message);
}
