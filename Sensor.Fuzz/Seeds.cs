using System.Buffers;
using Sensor.Channel;

namespace Sensor.Fuzz;

/// <summary>Valid starting inputs for afl: one frame of each kind (plain and LZ4) and task payloads.</summary>
public static class Seeds
{
    public static void Write(string directory)
    {
        string frames = Path.Combine(directory, "frame");
        string tasks = Path.Combine(directory, "task");
        Directory.CreateDirectory(frames);
        Directory.CreateDirectory(tasks);
        var task = new TaskMessage
        {
            TaskId = [1, 2, 3, 4],
            InvestigationId = "inv/1"u8.ToArray(),
            Command = "file_del",
            Arguments = ["/tmp/x", "-p", "12"],
            ExpiryMs = 1_900_000_000_000,
        };
        byte[][] messages =
        [
            Payload(w => MessageCodec.WriteTask(w, task)),
            Payload(w => MessageCodec.WriteHello(w, new HelloMessage { Sid = "s", Credential = [1], Hostname = "h", StreamId = 3 })),
            Payload(w => MessageCodec.WriteWelcome(w, new WelcomeMessage { Sid = "s", Credential = [1], Message = "m" })),
            Payload(w => MessageCodec.WriteEvent(w, 7, [0x81, 0xa1, 0x61, 0x01])),
            Payload(w => MessageCodec.WriteAck(w, new AckMessage { EventSequence = 9, TaskId = [1] })),
            Payload(w => MessageCodec.WritePing(w, new PingMessage(5, true))),
        ];
        for (int i = 0; i < messages.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(frames, $"plain-{i}"), Frame(messages[i], int.MaxValue));
            File.WriteAllBytes(Path.Combine(frames, $"lz4-{i}"), Frame(messages[i], 1));
        }

        File.WriteAllBytes(Path.Combine(tasks, "task"), messages[0]);
        task.Arguments = [];
        File.WriteAllBytes(Path.Combine(tasks, "task-noargs"), Payload(w => MessageCodec.WriteTask(w, task)));
    }

    private static byte[] Payload(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Frame(byte[] payload, int threshold)
    {
        // Force LZ4 on small payloads by repeating them so compression pays.
        byte[] body = threshold == 1 ? [.. payload, .. new byte[64]] : payload;
        byte[] frame = FrameWriter.Encode(body, FrameLimits.Default, threshold == 1 ? 1 : 1 << 30, out int length);
        return frame.AsSpan(0, length).ToArray();
    }
}
