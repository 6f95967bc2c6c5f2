using Sensor.Channel;
using SharpFuzz;

namespace Sensor.Fuzz;

/// <summary>
/// afl++ targets. <c>frame</c>: the input is wire bytes, decoded frame after frame and each payload parsed as a
/// message. <c>task</c>: the input is a message payload parsed as a task. Anything but a
/// <see cref="ChannelProtocolException"/> escaping, or a decoded frame over the caps, is a crash.
/// </summary>
public static class Program
{
    private static readonly FrameLimits Limits = new() { MaxWireBytes = 1 << 20, MaxDecodedBytes = 1 << 20 };

    public static int Main(string[] args)
    {
        string target = args.Length > 0 ? args[0] : "frame";
        if (target == "seed")
        {
            Seeds.Write(args[1]);
            return 0;
        }

        Action<ReadOnlySpan<byte>> run = target switch
        {
            "frame" => Frame,
            "task" => Task,
            _ => throw new ArgumentException($"unknown target {target}; use frame or task"),
        };

        if (args.Length > 1)
        {
            // Replay one input (a crash from the findings directory) outside afl.
            run(File.ReadAllBytes(args[1]));
            return 0;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            var input = new MemoryStream();
            stream.CopyTo(input);
            run(input.ToArray());
        });
        return 0;
    }

    private static void Frame(ReadOnlySpan<byte> wire)
    {
        while (!wire.IsEmpty)
        {
            ProtocolError error = FrameDecoder.TryDecode(wire, Limits, out Frame? frame, out int consumed);
            if (error != ProtocolError.None)
            {
                return;
            }

            using (frame)
            {
                if (frame!.Length > Limits.MaxDecodedBytes || consumed > FrameHeader.Size + Limits.MaxWireBytes)
                {
                    throw new InvalidOperationException("a frame over the caps was accepted");
                }

                Message(frame.Payload);
            }

            wire = wire[consumed..];
        }
    }

    private static void Task(ReadOnlySpan<byte> payload)
    {
        try
        {
            MessageCodec.ReadTask(payload.ToArray(), Limits);
        }
        catch (ChannelProtocolException)
        {
        }
    }

    private static void Message(ReadOnlyMemory<byte> payload)
    {
        try
        {
            switch (MessageCodec.ReadKind(payload, Limits))
            {
                case MessageKind.Hello: MessageCodec.ReadHello(payload, Limits); break;
                case MessageKind.Welcome: MessageCodec.ReadWelcome(payload, Limits); break;
                case MessageKind.Task: MessageCodec.ReadTask(payload, Limits); break;
                case MessageKind.Event: MessageCodec.ReadEvent(payload, Limits); break;
                case MessageKind.Ack: MessageCodec.ReadAck(payload, Limits); break;
                case MessageKind.Ping: MessageCodec.ReadPing(payload, Limits); break;
            }
        }
        catch (ChannelProtocolException)
        {
        }
    }
}
