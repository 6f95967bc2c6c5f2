using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Encodings.Web;
using System.Text.Json;
using MessagePack;

namespace Sensor.Events;

/// <summary>
/// Turns one MessagePack event into the JSON that <see cref="Utf8JsonWriter"/> with
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> and no indentation writes for it through
/// <see cref="EventJsonRenderer.Render(ReadOnlySpan{byte}, Utf8JsonWriter)"/>, byte for byte, reading the
/// MessagePack straight from the span and writing JSON straight into the output's spans.
/// </summary>
/// <remarks>
/// The common cases are written here: ASCII text (copied, or escaped as that writer escapes it: <c>\"</c>,
/// <c>\\</c>, <c>\b \t \n \f \r</c>, and <c>\u00XX</c> in upper case for other controls and DEL), integers, true,
/// false, null, base64 of binary. Text with any byte above 0x7F (its escaping depends on the encoder's Unicode
/// ranges, and invalid UTF-8 becomes U+FFFD) and floating-point numbers are handed to a <see cref="Utf8JsonWriter"/>
/// with those options, so they cannot differ. mem_strings' 1.2 million strings per 256 MiB are the case this is for.
/// </remarks>
[SkipLocalsInit]
internal ref struct MessagePackJsonTranscoder
{
    public const int MaxDepth = 64;

    // Above this Utf8JsonWriter refuses a string (its MaxUnescapedTokenSize); such strings take its path and throw.
    private const int MaxFastString = 1_000_000_000 / 6;
    private const int Chunk = 64 * 1024;

    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(EscapedBytes());

    /// <summary>For each ASCII byte: 0 when written as it is, else the letter after the backslash ('u' for \u00XX).</summary>
    private static ReadOnlySpan<byte> EscapeOf =>
    [
        (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u',
        (byte)'b', (byte)'t', (byte)'n', (byte)'u', (byte)'f', (byte)'r', (byte)'u', (byte)'u',
        (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u',
        (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u', (byte)'u',
        0, 0, (byte)'"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'\\', 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'u',
    ];

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    private readonly ReadOnlySpan<byte> _input;
    private readonly IBufferWriter<byte> _output;
    private int _at;
    private Span<byte> _span;
    private int _pos;
    private Scratch? _scratch;

    public MessagePackJsonTranscoder(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        _input = input;
        _output = output;
        _span = output.GetSpan(Chunk);
    }

    /// <summary>Writes the value at the current position (the whole event when called first) and commits the output.</summary>
    public void WriteRoot()
    {
        WriteValue(0);
        _output.Advance(_pos);
        _pos = 0;
        _span = default;
    }

    private static byte[] EscapedBytes()
    {
        var bytes = new List<byte>();
        for (int b = 0; b < 256; b++)
        {
            if (b < 0x20 || b == '"' || b == '\\' || b >= 0x7F)
            {
                bytes.Add((byte)b);
            }
        }

        return [.. bytes];
    }

    private void WriteValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException("nesting too deep");
        }

        byte code = ReadByte();
        if (code <= 0x7F)
        {
            WriteInteger(code);
            return;
        }

        if (code >= 0xE0)
        {
            WriteInteger((sbyte)code);
            return;
        }

        switch (code)
        {
            case <= 0x8F:
                WriteObject(code & 0x0F, depth);
                return;
            case <= 0x9F:
                WriteArray(code & 0x0F, depth);
                return;
            case <= 0xBF:
                WriteString(ReadBytes(code & 0x1F));
                return;
            case 0xC0:
                WriteLiteral("null"u8);
                return;
            case 0xC2:
                WriteLiteral("false"u8);
                return;
            case 0xC3:
                WriteLiteral("true"u8);
                return;
            case 0xC4:
                WriteBase64(ReadBytes(ReadByte()));
                return;
            case 0xC5:
                WriteBase64(ReadBytes(ReadUInt16()));
                return;
            case 0xC6:
                WriteBase64(ReadBytes(ReadLength()));
                return;
            case 0xC7:
                Skip(1 + ReadByte());
                WriteLiteral("null"u8);
                return;
            case 0xC8:
                Skip(1 + ReadUInt16());
                WriteLiteral("null"u8);
                return;
            case 0xC9:
                Skip(1 + (long)ReadUInt32());
                WriteLiteral("null"u8);
                return;
            case 0xCA:
                WriteDouble(BitConverter.Int32BitsToSingle((int)ReadUInt32()));
                return;
            case 0xCB:
                WriteDouble(BitConverter.Int64BitsToDouble((long)ReadUInt64()));
                return;
            case 0xCC:
                WriteInteger(ReadByte());
                return;
            case 0xCD:
                WriteInteger(ReadUInt16());
                return;
            case 0xCE:
                WriteInteger(ReadUInt32());
                return;
            case 0xCF:
                WriteUnsigned(ReadUInt64());
                return;
            case 0xD0:
                WriteInteger((sbyte)ReadByte());
                return;
            case 0xD1:
                WriteInteger((short)ReadUInt16());
                return;
            case 0xD2:
                WriteInteger((int)ReadUInt32());
                return;
            case 0xD3:
                WriteInteger((long)ReadUInt64());
                return;
            case >= 0xD4 and <= 0xD8:
                Skip(1 + (1 << (code - 0xD4)));
                WriteLiteral("null"u8);
                return;
            case 0xD9:
                WriteString(ReadBytes(ReadByte()));
                return;
            case 0xDA:
                WriteString(ReadBytes(ReadUInt16()));
                return;
            case 0xDB:
                WriteString(ReadBytes(ReadLength()));
                return;
            case 0xDC:
                WriteArray(ReadUInt16(), depth);
                return;
            case 0xDD:
                WriteArray(ReadLength(), depth);
                return;
            case 0xDE:
                WriteObject(ReadUInt16(), depth);
                return;
            case 0xDF:
                WriteObject(ReadLength(), depth);
                return;
            default:
                throw new MessagePackSerializationException($"invalid MessagePack code 0x{code:x2}");
        }
    }

    private void WriteArray(int items, int depth)
    {
        WriteByte((byte)'[');
        for (int i = 0; i < items; i++)
        {
            // mem_strings' arrays hold a million short strings: runs of them are written by one tight loop.
            i = WriteShortStrings(i, items);
            if (i == items)
            {
                break;
            }

            if (i > 0)
            {
                WriteByte((byte)',');
            }

            WriteValue(depth + 1);
        }

        WriteByte((byte)']');
    }

    /// <summary>
    /// Writes array elements from <paramref name="i"/> on while they are strings of at most 16 bytes followed by
    /// at least 16 more bytes of input (so 16 bytes can be loaded from each): one vector test and one 16-byte copy
    /// each, or the short escape. Returns the index of the first element it did not write.
    /// </summary>
    private int WriteShortStrings(int i, int items)
    {
        ReadOnlySpan<byte> input = _input;
        int at = _at;
        int pos = _pos;
        Span<byte> span = _span;
        for (; i < items && input.Length - at > 16; i++)
        {
            int length = input[at] - 0xA0; // a fixstr of up to 16 bytes
            if ((uint)length > 16)
            {
                break;
            }

            if (span.Length - pos < 3 + (6 * 16))
            {
                _pos = pos;
                Grow(3 + (6 * 16));
                span = _span;
                pos = 0;
            }

            ref byte text = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), at + 1);
            var v = Vector128.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref text));
            uint inText = (1u << length) - 1;
            ref byte o = ref Unsafe.Add(ref MemoryMarshal.GetReference(span), pos);
            int comma = i > 0 ? 1 : 0;
            o = (byte)',';
            Unsafe.Add(ref o, comma) = (byte)'"';
            if ((Special(v) & inText) == 0)
            {
                v.AsByte().StoreUnsafe(ref Unsafe.Add(ref o, comma + 1));
                Unsafe.Add(ref o, comma + 1 + length) = (byte)'"';
                pos += comma + 2 + length;
            }
            else if ((v.ExtractMostSignificantBits() & inText) == 0)
            {
                pos += comma + EscapeShortAscii(MemoryMarshal.CreateReadOnlySpan(ref text, length), ref Unsafe.Add(ref o, comma));
            }
            else
            {
                break; // a byte above 0x7F: the general path
            }

            at += 1 + length;
        }

        _at = at;
        _pos = pos;
        return i;
    }

    /// <summary>Bit k set when byte k needs escaping or is not ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Special(Vector128<sbyte> v) =>
        (Vector128.GreaterThan(Vector128.Create((sbyte)0x20), v) | Vector128.Equals(v, Vector128.Create((sbyte)0x7F))
            | Vector128.Equals(v, Vector128.Create((sbyte)'"')) | Vector128.Equals(v, Vector128.Create((sbyte)'\\'))).ExtractMostSignificantBits();

    /// <summary>Writes "text" escaped at <paramref name="o"/> (room for 6 bytes per byte and the quotes); returns the bytes written.</summary>
    private static int EscapeShortAscii(ReadOnlySpan<byte> text, ref byte o)
    {
        o = (byte)'"';
        int at = 1;
        foreach (byte b in text)
        {
            if (EscapeOf[b] == 0)
            {
                Unsafe.Add(ref o, at++) = b;
            }
            else
            {
                at += WriteEscape(b, ref Unsafe.Add(ref o, at));
            }
        }

        Unsafe.Add(ref o, at) = (byte)'"';
        return at + 1;
    }

    /// <summary>Writes the escape of ASCII byte <paramref name="b"/> (one that needs one) at <paramref name="o"/>; returns its length.</summary>
    private static int WriteEscape(byte b, ref byte o)
    {
        byte escape = EscapeOf[b];
        o = (byte)'\\';
        Unsafe.Add(ref o, 1) = escape;
        if (escape != (byte)'u')
        {
            return 2;
        }

        Unsafe.Add(ref o, 2) = (byte)'0';
        Unsafe.Add(ref o, 3) = (byte)'0';
        Unsafe.Add(ref o, 4) = HexDigits[b >> 4];
        Unsafe.Add(ref o, 5) = HexDigits[b & 0xF];
        return 6;
    }

    private void WriteObject(int pairs, int depth)
    {
        WriteByte((byte)'{');
        for (int i = 0; i < pairs; i++)
        {
            if (i > 0)
            {
                WriteByte((byte)',');
            }

            WritePropertyName();
            WriteByte((byte)':');
            WriteValue(depth + 1);
        }

        WriteByte((byte)'}');
    }

    /// <summary>Keys are strings in our events; an integer key is written as its text, anything else as "?" (left unread).</summary>
    private void WritePropertyName()
    {
        byte code = Peek();
        switch (code)
        {
            case >= 0xA0 and <= 0xBF:
                _at++;
                WriteString(ReadBytes(code & 0x1F));
                return;
            case 0xD9:
                _at++;
                WriteString(ReadBytes(ReadByte()));
                return;
            case 0xDA:
                _at++;
                WriteString(ReadBytes(ReadUInt16()));
                return;
            case 0xDB:
                _at++;
                WriteString(ReadBytes(ReadLength()));
                return;
            case <= 0x7F or >= 0xE0 or (>= 0xCC and <= 0xD3):
                WriteByte((byte)'"');
                WriteIntegerKey();
                WriteByte((byte)'"');
                return;
            default:
                WriteLiteral("\"?\""u8);
                return;
        }
    }

    private void WriteIntegerKey()
    {
        byte code = ReadByte();
        long value = code switch
        {
            <= 0x7F => code,
            >= 0xE0 => (sbyte)code,
            0xCC => ReadByte(),
            0xCD => ReadUInt16(),
            0xCE => ReadUInt32(),
            0xCF => checked((long)ReadUInt64()),
            0xD0 => (sbyte)ReadByte(),
            0xD1 => (short)ReadUInt16(),
            0xD2 => (int)ReadUInt32(),
            _ => (long)ReadUInt64(),
        };
        WriteInteger(value);
    }

    private void WriteString(ReadOnlySpan<byte> text)
    {
        if (_input.Length - _at >= 16 - text.Length && TryWriteShortString(text))
        {
            return;
        }

        int special = text.IndexOfAny(NeedsEscape);
        if (special < 0 && text.Length <= MaxFastString)
        {
            WriteByte((byte)'"');
            WriteRaw(text);
            WriteByte((byte)'"');
            return;
        }

        if (text.Length > MaxFastString || text[special..].IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
        {
            GetScratch().String(text, ref this);
            return;
        }

        WriteByte((byte)'"');
        WriteRaw(text[..special]);
        WriteEscapedAscii(text[special..]);
        WriteByte((byte)'"');
    }

    /// <summary>
    /// A string of at most 16 bytes whose 16 bytes from its start may be read (the input goes on past it): one vector
    /// test, then one 16-byte copy, or the short escape when it is all ASCII. False (nothing written) for longer
    /// strings and for non-ASCII text.
    /// </summary>
    private bool TryWriteShortString(ReadOnlySpan<byte> text)
    {
        if (text.Length > 16)
        {
            return false;
        }

        Ensure(2 + (6 * 16));
        var v = Vector128.LoadUnsafe(ref Unsafe.As<byte, sbyte>(ref MemoryMarshal.GetReference(text)));
        uint inText = (1u << text.Length) - 1;
        ref byte o = ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), _pos);
        if ((Special(v) & inText) == 0)
        {
            o = (byte)'"';
            v.AsByte().StoreUnsafe(ref Unsafe.Add(ref o, 1));
            Unsafe.Add(ref o, 1 + text.Length) = (byte)'"';
            _pos += 2 + text.Length;
            return true;
        }

        if ((v.ExtractMostSignificantBits() & inText) != 0)
        {
            return false; // a byte above 0x7F: the general path
        }

        _pos += EscapeShortAscii(text, ref o);
        return true;
    }

    private void WriteEscapedAscii(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            int plain = text.IndexOfAny(NeedsEscape);
            if (plain < 0)
            {
                WriteRaw(text);
                return;
            }

            WriteRaw(text[..plain]);
            Ensure(6);
            _pos += WriteEscape(text[plain], ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), _pos));
            text = text[(plain + 1)..];
        }
    }

    private void WriteBase64(ReadOnlySpan<byte> bytes)
    {
        WriteByte((byte)'"');
        // Whole groups of 3 bytes per piece, so the pieces join into one base64 text with padding only at the end.
        const int Piece = 48 * 1024;
        while (bytes.Length > Piece)
        {
            Ensure(Piece / 3 * 4);
            Base64.EncodeToUtf8(bytes[..Piece], _span[_pos..], out _, out int written, isFinalBlock: false);
            _pos += written;
            bytes = bytes[Piece..];
        }

        Ensure(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
        Base64.EncodeToUtf8(bytes, _span[_pos..], out _, out int last);
        _pos += last;
        WriteByte((byte)'"');
    }

    private void WriteInteger(long value)
    {
        Ensure(20);
        value.TryFormat(_span[_pos..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _pos += written;
    }

    private void WriteUnsigned(ulong value)
    {
        Ensure(20);
        value.TryFormat(_span[_pos..], out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        _pos += written;
    }

    private void WriteDouble(double value) => GetScratch().Number(value, ref this);

    private void WriteLiteral(ReadOnlySpan<byte> literal)
    {
        Ensure(literal.Length);
        literal.CopyTo(_span[_pos..]);
        _pos += literal.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte b)
    {
        Ensure(1);
        _span[_pos++] = b;
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            Ensure(Math.Min(bytes.Length, Chunk));
            int n = Math.Min(bytes.Length, _span.Length - _pos);
            bytes[..n].CopyTo(_span[_pos..]);
            _pos += n;
            bytes = bytes[n..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_span.Length - _pos < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        _output.Advance(_pos);
        _pos = 0;
        _span = _output.GetSpan(Math.Max(count, Chunk));
    }

    private byte Peek()
    {
        if (_at >= _input.Length)
        {
            ThrowEndOfData();
        }

        return _input[_at];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadByte()
    {
        if (_at >= _input.Length)
        {
            ThrowEndOfData();
        }

        return _input[_at++];
    }

    private ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2));

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4));

    private ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(8));

    /// <summary>A 32-bit length or count; one that cannot fit what is left is malformed input.</summary>
    private int ReadLength()
    {
        uint length = ReadUInt32();
        if (length > int.MaxValue)
        {
            ThrowEndOfData();
        }

        return (int)length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)(_input.Length - _at))
        {
            ThrowEndOfData();
        }

        ReadOnlySpan<byte> bytes = _input.Slice(_at, count);
        _at += count;
        return bytes;
    }

    private void Skip(long count)
    {
        if (count > _input.Length - _at)
        {
            ThrowEndOfData();
        }

        _at += (int)count;
    }

    private Scratch GetScratch() => _scratch ??= new Scratch();

    private static void ThrowEndOfData() => throw new EndOfStreamException("the MessagePack event ends early");

    /// <summary>The writer the rare cases are delegated to, created on first need.</summary>
    private sealed class Scratch
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);
        private readonly Utf8JsonWriter _json;

        public Scratch() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        public void String(ReadOnlySpan<byte> utf8, ref MessagePackJsonTranscoder output)
        {
            Begin();
            // As before: invalid UTF-8 becomes U+FFFD through the string.
            _json.WriteStringValue(System.Text.Encoding.UTF8.GetString(utf8));
            End(ref output);
        }

        public void Number(double value, ref MessagePackJsonTranscoder output)
        {
            Begin();
            _json.WriteNumberValue(value);
            End(ref output);
        }

        private void Begin()
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
        }

        private void End(ref MessagePackJsonTranscoder output)
        {
            _json.Flush();
            output.WriteRaw(_buffer.WrittenSpan);
        }
    }
}
