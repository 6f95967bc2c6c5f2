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
        ReadFields(payload, limits, MessageKind.Hello, ref message, static (ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref HelloMessage m) =>
        {
            if (key.SequenceEqual(KeyProto)) m.ProtocolVersion = ReadInt32(ref reader);
            else if (key.SequenceEqual(KeySid)) m.Sid = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
            else if (key.SequenceEqual(KeyCredential)) m.Credential = ReadRaw(ref reader, ChannelProtocol.MaxCredentialBytes);
            else if (key.SequenceEqual(KeyInstallationKey)) m.InstallationKey = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
            else if (key.SequenceEqual(KeyHost)) m.Hostname = ReadText(ref reader, ChannelProtocol.MaxTextBytes) ?? "";
            else if (key.SequenceEqual(KeyPlat)) m.Plat = ReadInt32(ref reader);
            else if (key.SequenceEqual(KeyArch)) m.Arch = ReadInt32(ref reader);
            else if (key.SequenceEqual(KeyVersion)) m.AgentVersion = ReadText(ref reader, ChannelProtocol.MaxTextBytes) ?? "";
            else if (key.SequenceEqual(KeyStream)) m.StreamId = ReadUInt64(ref reader);
            else return false;
            return true;
        });
        return message;
    }

    public static WelcomeMessage ReadWelcome(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var message = new WelcomeMessage { ProtocolVersion = 0 };
        ReadFields(payload, limits, MessageKind.Welcome, ref message, static (ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref WelcomeMessage m) =>
        {
            if (key.SequenceEqual(KeyProto)) m.ProtocolVersion = ReadInt32(ref reader);
            else if (key.SequenceEqual(KeyStatus)) m.Status = (WelcomeStatus)ReadInt32(ref reader);
            else if (key.SequenceEqual(KeyMessage)) m.Message = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
            else if (key.SequenceEqual(KeySid)) m.Sid = ReadText(ref reader, ChannelProtocol.MaxTextBytes);
            else if (key.SequenceEqual(KeyCredential)) m.Credential = ReadRaw(ref reader, ChannelProtocol.MaxCredentialBytes);
            else if (key.SequenceEqual(KeyTime)) m.ServerTimeMs = ReadInt64(ref reader);
            else return false;
            return true;
        });
        return message;
    }

    public static TaskMessage ReadTask(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var task = new TaskFields(new TaskMessage());
        ReadFields(payload, limits, MessageKind.Task, ref task, static (ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref TaskFields t) =>
        {
            if (key.SequenceEqual(KeyId))
            {
                t.Message.TaskId = ReadRaw(ref reader, ChannelProtocol.MaxTaskIdBytes) ?? throw Malformed("nil task id");
                t.HasId = t.Message.TaskId.Length > 0;
            }
            else if (key.SequenceEqual(KeyInvestigation))
            {
                t.Message.InvestigationId = ReadRaw(ref reader, ChannelProtocol.MaxInvestigationIdBytes) ?? [];
            }
            else if (key.SequenceEqual(KeyCommand))
            {
                t.Message.Command = ReadText(ref reader, ChannelProtocol.MaxCommandNameBytes) ?? "";
                t.HasCommand = t.Message.Command.Length > 0;
            }
            else if (key.SequenceEqual(KeyArguments))
            {
                t.Message.Arguments = ReadArguments(ref reader);
            }
            else if (key.SequenceEqual(KeyExpiry))
            {
                t.Message.ExpiryMs = ReadInt64(ref reader);
                t.HasExpiry = true;
            }
            else
            {
                return false;
            }

            return true;
        });
        return task.HasId && task.HasCommand && task.HasExpiry ? task.Message : throw Malformed("task without id, cmd or exp");
    }

    /// <summary>Reads an event; <see cref="EventMessage.Data"/> is a slice of <paramref name="payload"/>, not a copy.</summary>
    public static EventMessage ReadEvent(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var fields = new EventFields(payload);
        ReadFields(payload, limits, MessageKind.Event, ref fields, static (ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref EventFields e) =>
        {
            if (key.SequenceEqual(KeySequence))
            {
                e.Sequence = ReadUInt64(ref reader);
            }
            else if (key.SequenceEqual(KeyData))
            {
                if (reader.NextMessagePackType != MessagePackType.Binary)
                {
                    throw Malformed("event data is not binary");
                }

                ReadOnlySequence<byte> bytes = reader.ReadBytes() ?? throw Malformed("nil event data");
                // The binary's content ends where the reader now stands.
                e.Data = e.Payload.Slice((int)(reader.Consumed - bytes.Length), (int)bytes.Length);
                e.HasData = bytes.Length > 0;
            }
            else
            {
                return false;
            }

            return true;
        });
        return fields.Sequence != 0 && fields.HasData
            ? new EventMessage(fields.Sequence, fields.Data)
            : throw Malformed("event without seq or data");
    }

    public static AckMessage ReadAck(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var message = new AckMessage();
        ReadFields(payload, limits, MessageKind.Ack, ref message, static (ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref AckMessage m) =>
        {
            if (key.SequenceEqual(KeySequence)) m.EventSequence = ReadUInt64(ref reader);
            else if (key.SequenceEqual(KeyTask)) m.TaskId = ReadRaw(ref reader, ChannelProtocol.MaxTaskIdBytes);
            else return false;
            return true;
        });
        return message;
    }

    public static PingMessage ReadPing(ReadOnlyMemory<byte> payload, FrameLimits limits)
    {
        var ping = default(PingMessage);
        ReadFields(payload, limits, MessageKind.Ping, ref ping, static (ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref PingMessage p) =>
        {
            if (key.SequenceEqual(KeyNonce)) p = p with { Nonce = ReadUInt64(ref reader) };
            else if (key.SequenceEqual(KeyReply)) p = p with { IsReply = ReadBoolean(ref reader) };
            else return false;
            return true;
        });
        return ping;
    }

    /// <summary>
    /// The one loop under every reader: the map header, <c>kind</c> first and equal to <paramref name="kind"/>, then
    /// each key handed to <paramref name="readField"/>; a key it does not know (it returns false) is skipped under the
    /// depth cap, so a newer peer's extra fields are ignored. Nothing may follow the map. Every failure of the
    /// underlying reader becomes a malformed-message error.
    /// </summary>
    private static void ReadFields<TState>(ReadOnlyMemory<byte> payload, FrameLimits limits, MessageKind kind, ref TState state,
        FieldReader<TState> readField)
    {
        var reader = Open(payload, out int count);
        try
        {
            Expect(ref reader, kind);
            for (int i = 1; i < count; i++)
            {
                ReadOnlySpan<byte> key = ReadKey(ref reader);
                if (!readField(ref reader, key, ref state))
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
