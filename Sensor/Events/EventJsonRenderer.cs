using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace Sensor.Events;

/// <summary>
/// Renders a MessagePack event as JSON for people and scripts: maps become objects, binary becomes base64, integers
/// stay numbers. Strings that are not valid UTF-8 (file names are bytes on POSIX) are rendered with U+FFFD in place
/// of each invalid sequence; the MessagePack event itself keeps the original bytes.
/// </summary>
public static class EventJsonRenderer
{
    private const int MaxDepth = MessagePackJsonTranscoder.MaxDepth;

    /// <summary>Renders through the caller's writer, with its options (the server's event log).</summary>
    public static void Render(ReadOnlySpan<byte> messagePack, Utf8JsonWriter json)
    {
        // The MessagePackReader takes a ReadOnlySequence; events are single contiguous buffers.
        byte[] copy = ArrayPool<byte>.Shared.Rent(messagePack.Length);
        try
        {
            messagePack.CopyTo(copy);
            var reader = new MessagePackReader(new ReadOnlySequence<byte>(copy, 0, messagePack.Length));
            WriteValue(ref reader, json, 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// Renders compact JSON with relaxed escaping, as <c>sensor exec</c> prints events: the same bytes as
    /// <see cref="Render(ReadOnlySpan{byte}, Utf8JsonWriter)"/> with such a writer, several times faster (no
    /// intermediate strings; see <see cref="MessagePackJsonTranscoder"/>).
    /// </summary>
    public static void Render(ReadOnlySpan<byte> messagePack, IBufferWriter<byte> output) =>
        new MessagePackJsonTranscoder(messagePack, output).WriteRoot();

    public static string ToJson(ReadOnlySpan<byte> messagePack)
    {
        var output = new ArrayBufferWriter<byte>();
        Render(messagePack, output);
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter json, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException("nesting too deep");
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                int pairs = reader.ReadMapHeader();
                json.WriteStartObject();
                for (int i = 0; i < pairs; i++)
                {
                    WritePropertyName(ref reader, json);
                    WriteValue(ref reader, json, depth + 1);
                }

                json.WriteEndObject();
                break;
            case MessagePackType.Array:
                int items = reader.ReadArrayHeader();
                json.WriteStartArray();
                for (int i = 0; i < items; i++)
                {
                    WriteValue(ref reader, json, depth + 1);
                }

                json.WriteEndArray();
                break;
            case MessagePackType.String:
                ReadOnlySequence<byte>? text = reader.ReadStringSequence();
                if (text is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(Utf8Lossy(text.Value));
                }

                break;
            case MessagePackType.Binary:
                ReadOnlySequence<byte>? bytes = reader.ReadBytes();
                if (bytes is null)
                {
                    json.WriteNullValue();
                }
                else if (bytes.Value.IsSingleSegment)
                {
                    json.WriteBase64StringValue(bytes.Value.FirstSpan);
                }
                else
                {
                    json.WriteBase64StringValue(bytes.Value.ToArray());
                }

                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    json.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    json.WriteNumberValue(reader.ReadInt64());
                }

                break;
            case MessagePackType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Float:
                json.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                json.WriteNullValue();
                break;
            default:
                reader.Skip();
                json.WriteNullValue();
                break;
        }
    }

    private static void WritePropertyName(ref MessagePackReader reader, Utf8JsonWriter json)
    {
        if (reader.NextMessagePackType == MessagePackType.String)
        {
            ReadOnlySequence<byte>? name = reader.ReadStringSequence();
            json.WritePropertyName(name is null ? "" : Utf8Lossy(name.Value));
        }
        else
        {
            // Keys are always strings in our events; anything else is rendered by its text form.
            json.WritePropertyName(reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : "?");
        }
    }

    private static string Utf8Lossy(ReadOnlySequence<byte> bytes) =>
        bytes.IsSingleSegment ? System.Text.Encoding.UTF8.GetString(bytes.FirstSpan) : System.Text.Encoding.UTF8.GetString(bytes.ToArray());
}
