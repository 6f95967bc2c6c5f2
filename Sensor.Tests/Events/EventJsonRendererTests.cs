using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MessagePack;
using Sensor.Events;

namespace Sensor.Tests.Events;

/// <summary>
/// The fast renderer (<c>sensor exec</c>'s output) against <see cref="Utf8JsonWriter"/> with the options it stands in
/// for, through the reader-based path: the same bytes for every kind of value, text of every byte, and malformed UTF-8.
/// </summary>
public sealed class EventJsonRendererTests
{
    [Test]
    public void Render_RandomEvents_SameBytesAsUtf8JsonWriter([Range(1, 300)] int seed)
    {
        var random = new Random(seed);
        byte[] messagePack = Write((ref MessagePackWriter w) => WriteRandomValue(ref w, random, 0));
        Assert.That(Fast(messagePack), Is.EqualTo(Reference(messagePack)));
    }

    [Test]
    public void Render_EveryByteAndPairOfBytes_SameBytesAsUtf8JsonWriter()
    {
        byte[] messagePack = Write((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(256 + (256 * 4));
            for (int b = 0; b < 256; b++)
            {
                w.WriteString(new[] { (byte)b });
            }

            // Each byte between text, and after a valid two-byte sequence (a lone continuation byte, a truncated sequence).
            for (int b = 0; b < 256; b++)
            {
                w.WriteString(new[] { (byte)'a', (byte)b, (byte)'z' });
                w.WriteString(new byte[] { 0xC3, 0xA9, (byte)b });
                w.WriteString(new byte[] { (byte)b, 0x80 });
                w.WriteString(Encoding.ASCII.GetBytes(new string('q', 20)).Append((byte)b).ToArray());
            }
        });
        Assert.That(Fast(messagePack), Is.EqualTo(Reference(messagePack)));
    }

    [Test]
    public void Render_LargeValues_SameBytesAsUtf8JsonWriter([Values(0, 1, 2, 47, 48 * 1024, (48 * 1024) + 1, 200_001)] int size)
    {
        var random = new Random(size);
        byte[] binary = new byte[size];
        random.NextBytes(binary);
        byte[] text = new byte[size];
        for (int i = 0; i < size; i++)
        {
            text[i] = (byte)random.Next(0x20, 0x7F);
        }

        byte[] escaped = [.. text];
        for (int i = 0; i < size; i += 97)
        {
            escaped[i] = (byte)"\"\\\t\u0001\u007f"[i % 5];
        }

        byte[] messagePack = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(3);
            w.Write("BIN");
            w.Write(binary);
            w.Write("TEXT");
            w.WriteString(text);
            w.Write("ESCAPED");
            w.WriteString(escaped);
        });
        Assert.That(Fast(messagePack), Is.EqualTo(Reference(messagePack)));
    }

    [Test]
    public void Render_OddKeysAndExtensions_SameBytesAsUtf8JsonWriter()
    {
        byte[] messagePack = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(6);
            w.Write(-7L);
            w.Write("integer key");
            w.Write(300UL);
            w.Write(true);
            w.WriteNil(); // not a string or integer: rendered as "?", then read as the value
            w.Write("value of nil");
            w.WriteExtensionFormat(new ExtensionResult(5, new byte[] { 1, 2, 3 }));
            w.Write(1.5f);
            w.Write("ext value");
            w.WriteExtensionFormat(new ExtensionResult(-1, new byte[12]));
            w.Write("k");
            w.WriteArrayHeader(3);
            w.Write(double.Epsilon);
            w.Write(-0.0);
            w.Write(1e300);
        });
        Assert.That(Fast(messagePack), Is.EqualTo(Reference(messagePack)));
    }

    [Test]
    public void Render_NestingPastTheLimit_Throws()
    {
        byte[] deep = Write((ref MessagePackWriter w) =>
        {
            for (int i = 0; i < 70; i++)
            {
                w.WriteArrayHeader(1);
            }

            w.Write(1);
        });
        Assert.Throws<MessagePackSerializationException>(() => EventJsonRenderer.ToJson(deep));
        Assert.Throws<EndOfStreamException>(() => EventJsonRenderer.ToJson(deep.AsSpan(0, 40)));
    }

    private static string Fast(byte[] messagePack) => EventJsonRenderer.ToJson(messagePack);

    private static string Reference(byte[] messagePack)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            EventJsonRenderer.Render(messagePack, json);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private delegate void WriteAction(ref MessagePackWriter writer);

    private static byte[] Write(WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(output);
        write(ref w);
        w.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static void WriteRandomValue(ref MessagePackWriter w, Random random, int depth)
    {
        switch (random.Next(depth > 3 ? 9 : 11))
        {
            case 0:
                w.Write(RandomInteger(random));
                break;
            case 1:
                w.Write(random.Next(2) == 0 ? ulong.MaxValue - (ulong)random.Next(1000) : (ulong)random.NextInt64());
                break;
            case 2:
                w.WriteString(RandomText(random));
                break;
            case 3:
                byte[] bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                w.Write(bytes);
                break;
            case 4:
                w.Write(random.Next(2) == 0);
                break;
            case 5:
                w.WriteNil();
                break;
            case 6:
                if (random.Next(2) == 0)
                {
                    w.Write((float)(random.NextDouble() * 1000));
                }
                else
                {
                    w.Write(random.NextDouble() * Math.Pow(10, random.Next(-20, 20)));
                }

                break;
            case 7:
            case 8:
                w.WriteString(Encoding.ASCII.GetBytes(new string('s', random.Next(0, 40))));
                break;
            case 9:
                int items = random.Next(0, 40);
                w.WriteArrayHeader(items);
                for (int i = 0; i < items; i++)
                {
                    WriteRandomValue(ref w, random, depth + 1);
                }

                break;
            default:
                int pairs = random.Next(0, 20);
                w.WriteMapHeader(pairs);
                for (int i = 0; i < pairs; i++)
                {
                    w.WriteString(RandomText(random));
                    WriteRandomValue(ref w, random, depth + 1);
                }

                break;
        }
    }

    private static long RandomInteger(Random random) => random.Next(6) switch
    {
        0 => random.Next(-40, 200),
        1 => random.Next(short.MinValue, ushort.MaxValue),
        2 => random.NextInt64(int.MinValue, uint.MaxValue),
        3 => long.MinValue + random.Next(3),
        4 => long.MaxValue - random.Next(3),
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    /// <summary>Mostly printable ASCII, sometimes any byte (invalid UTF-8, controls), sometimes real non-ASCII text.</summary>
    private static byte[] RandomText(Random random)
    {
        int length = random.Next(4) == 0 ? random.Next(0, 300) : random.Next(0, 24);
        switch (random.Next(4))
        {
            case 0:
                byte[] any = new byte[length];
                random.NextBytes(any);
                return any;
            case 1:
                var text = new StringBuilder();
                for (int i = 0; i < length; i++)
                {
                    text.Append("aé€😀\u2028\u00a0<>&'+`\"\\\t\n"[random.Next(16)]);
                }

                return Encoding.UTF8.GetBytes(text.ToString());
            default:
                byte[] ascii = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    ascii[i] = (byte)(random.Next(30) == 0 ? random.Next(0, 0x80) : random.Next(0x20, 0x7F));
                }

                return ascii;
        }
    }
}
