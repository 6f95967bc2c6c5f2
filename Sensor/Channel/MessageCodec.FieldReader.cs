using MessagePack;

namespace Sensor.Channel;

public static partial class MessageCodec
{
    /// <summary>
    /// Reads the value of one field whose key is <paramref name="key"/> into <paramref name="state"/>; false when the
    /// key is not one of the message's, so the caller skips the value.
    /// </summary>
    private delegate bool FieldReader<TState>(ref MessagePackReader reader, scoped ReadOnlySpan<byte> key, ref TState state);

    /// <summary>What a task read so far, and which of its required fields have been seen.</summary>
    private struct TaskFields(TaskMessage message)
    {
        public readonly TaskMessage Message = message;
        public bool HasId;
        public bool HasCommand;
        public bool HasExpiry;
    }

    /// <summary>An event's fields; the payload is kept so the data can be a slice of it rather than a copy.</summary>
    private struct EventFields(ReadOnlyMemory<byte> payload)
    {
        public readonly ReadOnlyMemory<byte> Payload = payload;
        public ulong Sequence;
        public ReadOnlyMemory<byte> Data;
        public bool HasData;
    }
}
