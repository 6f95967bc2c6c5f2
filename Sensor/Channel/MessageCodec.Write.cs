using System.Buffers;
using MessagePack;

namespace Sensor.Channel;

public static partial class MessageCodec
{
    public static void WriteHello(IBufferWriter<byte> output, HelloMessage message)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(7 + Present(message.Sid) + Present(message.Credential) + Present(message.InstallationKey));
        WriteKind(ref w, MessageKind.Hello);
        w.WriteString(KeyProto);
        w.Write(message.ProtocolVersion);
        WriteOptional(ref w, KeySid, message.Sid);
        WriteOptional(ref w, KeyCredential, message.Credential);
        WriteOptional(ref w, KeyInstallationKey, message.InstallationKey);
        w.WriteString(KeyHost);
        w.Write(message.Hostname);
        w.WriteString(KeyPlat);
        w.Write(message.Plat);
        w.WriteString(KeyArch);
        w.Write(message.Arch);
        w.WriteString(KeyVersion);
        w.Write(message.AgentVersion);
        w.WriteString(KeyStream);
        w.Write(message.StreamId);
        w.Flush();
    }

    public static void WriteWelcome(IBufferWriter<byte> output, WelcomeMessage message)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(3 + Present(message.Message) + Present(message.Sid) + Present(message.Credential)
            + (message.ServerTimeMs is null ? 0 : 1));
        WriteKind(ref w, MessageKind.Welcome);
        w.WriteString(KeyProto);
        w.Write(message.ProtocolVersion);
        w.WriteString(KeyStatus);
        w.Write((int)message.Status);
        WriteOptional(ref w, KeyMessage, message.Message);
        WriteOptional(ref w, KeySid, message.Sid);
        WriteOptional(ref w, KeyCredential, message.Credential);
        if (message.ServerTimeMs is { } time)
        {
            w.WriteString(KeyTime);
            w.Write(time);
        }

        w.Flush();
    }

    public static void WriteTask(IBufferWriter<byte> output, TaskMessage message)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(6);
        WriteKind(ref w, MessageKind.Task);
        w.WriteString(KeyId);
        w.Write(message.TaskId);
        w.WriteString(KeyInvestigation);
        w.WriteString(message.InvestigationId);
        w.WriteString(KeyCommand);
        w.Write(message.Command);
        w.WriteString(KeyArguments);
        w.WriteArrayHeader(message.Arguments.Length);
        foreach (string argument in message.Arguments)
        {
            w.Write(argument);
        }

        w.WriteString(KeyExpiry);
        w.Write(message.ExpiryMs);
        w.Flush();
    }

    public static void WriteEvent(IBufferWriter<byte> output, ulong sequence, ReadOnlySpan<byte> data)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(3);
        WriteKind(ref w, MessageKind.Event);
        w.WriteString(KeySequence);
        w.Write(sequence);
        w.WriteString(KeyData);
        w.Write(data);
        w.Flush();
    }

    public static void WriteAck(IBufferWriter<byte> output, AckMessage message)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(1 + (message.EventSequence == 0 ? 0 : 1) + Present(message.TaskId));
        WriteKind(ref w, MessageKind.Ack);
        if (message.EventSequence != 0)
        {
            w.WriteString(KeySequence);
            w.Write(message.EventSequence);
        }

        WriteOptional(ref w, KeyTask, message.TaskId);
        w.Flush();
    }

    public static void WritePing(IBufferWriter<byte> output, PingMessage message)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(3);
        WriteKind(ref w, MessageKind.Ping);
        w.WriteString(KeyNonce);
        w.Write(message.Nonce);
        w.WriteString(KeyReply);
        w.Write(message.IsReply);
        w.Flush();
    }

    /// <summary>1 when an optional field is written, for the map header's count.</summary>
    private static int Present(object? value) => value is null ? 0 : 1;

    /// <summary>An optional text field: left out of the map when null.</summary>
    private static void WriteOptional(ref MessagePackWriter w, ReadOnlySpan<byte> key, string? value)
    {
        if (value is not null)
        {
            w.WriteString(key);
            w.Write(value);
        }
    }

    /// <summary>An optional binary field: left out of the map when null.</summary>
    private static void WriteOptional(ref MessagePackWriter w, ReadOnlySpan<byte> key, byte[]? value)
    {
        if (value is not null)
        {
            w.WriteString(key);
            w.Write(value);
        }
    }

    private static void WriteKind(ref MessagePackWriter w, MessageKind kind)
    {
        w.WriteString(KeyKind);
        w.Write((int)kind);
    }
}
