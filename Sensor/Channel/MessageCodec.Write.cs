using System.Buffers;
using MessagePack;

namespace Sensor.Channel;

public static partial class MessageCodec
{
    public static void WriteHello(IBufferWriter<byte> output, HelloMessage message)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(7 + (message.Sid is null ? 0 : 1) + (message.Credential is null ? 0 : 1)
            + (message.InstallationKey is null ? 0 : 1));
        WriteKind(ref w, MessageKind.Hello);
        w.WriteString(KeyProto);
        w.Write(message.ProtocolVersion);
        if (message.Sid is not null)
        {
            w.WriteString(KeySid);
            w.Write(message.Sid);
        }

        if (message.Credential is not null)
        {
            w.WriteString(KeyCredential);
            w.Write(message.Credential);
        }

        if (message.InstallationKey is not null)
        {
            w.WriteString(KeyInstallationKey);
            w.Write(message.InstallationKey);
        }

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
        w.WriteMapHeader(3 + (message.Message is null ? 0 : 1) + (message.Sid is null ? 0 : 1) + (message.Credential is null ? 0 : 1)
            + (message.ServerTimeMs is null ? 0 : 1));
        WriteKind(ref w, MessageKind.Welcome);
        w.WriteString(KeyProto);
        w.Write(message.ProtocolVersion);
        w.WriteString(KeyStatus);
        w.Write((int)message.Status);
        if (message.Message is not null)
        {
            w.WriteString(KeyMessage);
            w.Write(message.Message);
        }

        if (message.Sid is not null)
        {
            w.WriteString(KeySid);
            w.Write(message.Sid);
        }

        if (message.Credential is not null)
        {
            w.WriteString(KeyCredential);
            w.Write(message.Credential);
        }

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
        w.WriteMapHeader(1 + (message.EventSequence == 0 ? 0 : 1) + (message.TaskId is null ? 0 : 1));
        WriteKind(ref w, MessageKind.Ack);
        if (message.EventSequence != 0)
        {
            w.WriteString(KeySequence);
            w.Write(message.EventSequence);
        }

        if (message.TaskId is not null)
        {
            w.WriteString(KeyTask);
            w.Write(message.TaskId);
        }

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

    private static void WriteKind(ref MessagePackWriter w, MessageKind kind)
    {
        w.WriteString(KeyKind);
        w.Write((int)kind);
    }
}
