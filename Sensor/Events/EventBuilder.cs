using System.Diagnostics;
using System.Runtime.CompilerServices;
using MessagePack;

namespace Sensor.Events;

/// <summary>
/// Writes one event at a time as a MessagePack map <c>{routing: {...}, event: {...}}</c> into a reused pooled
/// buffer, then hands it to the sink. Containers whose size is not known up front (a directory listing) are written
/// with a 32-bit header that is patched when the container ends, so nothing is counted twice or buffered apart.
/// </summary>
/// <remarks>Not thread-safe: one builder per running task.</remarks>
public sealed class EventBuilder : IDisposable
{
    private const int MaxDepth = 16;
    private const byte Map32 = 0xdf;
    private const int TrailerReserve = 4096;
    private const byte Array32 = 0xdd;

    private readonly Commands.CommandContext _context;
    private readonly PooledBufferWriter _buffer = new();
    private readonly int[] _headerOffset = new int[MaxDepth];
    private readonly uint[] _count = new uint[MaxDepth];
    private readonly bool[] _isMap = new bool[MaxDepth];
    // Scratch for small formatted values (GUIDs, hex): a field, because MessagePackWriter is a ref struct and may
    // not be handed stack memory.
    private readonly byte[] _scratch = new byte[512];
    private int _depth = -1;
    private int _maxEventBytes = 256 * 1024 * 1024;
    private string _eventType = "";

    public EventBuilder(Commands.CommandContext context) => _context = context;

    /// <summary>Bytes written so far for the current event; handlers compare it with their caps.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>
    /// The cap on one event's size (256 MiB for <c>sensor exec</c>; the agent lowers it to what one frame carries);
    /// writing past it throws <see cref="EventTooLargeException"/>.
    /// </summary>
    public int MaxEventBytes
    {
        get => _maxEventBytes;
        set
        {
            _maxEventBytes = value;
            _buffer.MaxCapacity = BodyLimit(value);
        }
    }

    public bool InEvent => _depth >= 0;

    /// <summary>Starts an event: writes the routing map and opens the <c>event</c> map.</summary>
    /// <param name="eventType">The reply event type, e.g. <c>FILE_HASH_REP</c>.</param>
    /// <param name="thisAtom">The atom of the process the event is about, if any (16 bytes).</param>
    /// <param name="parentAtom">The atom of its parent, if any.</param>
    public void Begin(string eventType, ReadOnlySpan<byte> thisAtom = default, ReadOnlySpan<byte> parentAtom = default)
    {
        _buffer.Clear();
        _buffer.MaxCapacity = BodyLimit(_maxEventBytes);
        _depth = -1;
        _eventType = eventType;
        RoutingInfo routing = _context.Routing;

        var w = new MessagePackWriter(_buffer);
        w.WriteMapHeader(2);
        w.WriteString(RoutingFieldNames.Routing);
        int routingCount = 7 + (routing.InvestigationId is null ? 0 : 1) + (routing.Did is null ? 0 : 1)
            + (thisAtom.IsEmpty ? 0 : 1) + (parentAtom.IsEmpty ? 0 : 1) + (routing.Tags is null ? 0 : 1);
        w.WriteMapHeader(routingCount);
        w.WriteString(RoutingFieldNames.Sid);
        w.Write(routing.Sid);
        if (routing.Did is not null)
        {
            w.WriteString(RoutingFieldNames.Did);
            w.Write(routing.Did);
        }

        w.WriteString(RoutingFieldNames.Hostname);
        w.Write(routing.Hostname);
        w.WriteString(RoutingFieldNames.EventType);
        w.Write(eventType);
        w.WriteString(RoutingFieldNames.EventTime);
        w.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        w.WriteString(RoutingFieldNames.EventId);
        Guid.NewGuid().TryFormat(_scratch, out int guidLength, "D");
        w.WriteString(_scratch.AsSpan(0, guidLength));
        if (routing.InvestigationId is not null)
        {
            w.WriteString(RoutingFieldNames.InvestigationId);
            w.WriteString(routing.InvestigationId);
        }

        if (!thisAtom.IsEmpty)
        {
            w.WriteString(RoutingFieldNames.This);
            WriteHex(ref w, thisAtom);
        }

        if (!parentAtom.IsEmpty)
        {
            w.WriteString(RoutingFieldNames.Parent);
            WriteHex(ref w, parentAtom);
        }

        w.WriteString(RoutingFieldNames.Plat);
        w.Write(routing.Plat);
        w.WriteString(RoutingFieldNames.Arch);
        w.Write(routing.Arch);
        if (routing.Tags is not null)
        {
            w.WriteString(RoutingFieldNames.Tags);
            w.WriteArrayHeader(routing.Tags.Length);
            foreach (string tag in routing.Tags)
            {
                w.Write(tag);
            }
        }

        w.WriteString(RoutingFieldNames.Event);
        w.Flush();
        OpenContainer(isMap: true);
    }

    /// <summary>Writes <c>ERROR</c> (and <c>ERROR_MESSAGE</c> when given), closes the event and publishes it.</summary>
    public void End(int error, string? message = null)
    {
        Debug.Assert(_depth >= 0, "End without Begin");
        // The closing fields may use the room kept back for them.
        _buffer.MaxCapacity = _maxEventBytes;
        // A handler that failed mid-array leaves containers open; close them so the event stays well formed.
        while (_depth > 0)
        {
            CloseContainer();
        }

        Field(FieldNames.Error, error);
        if (message is not null)
        {
            Field(FieldNames.ErrorMessage, message);
        }

        CloseContainer();
        _context.Sink.Publish(new EventSummary(_eventType, error), _buffer.WrittenSpan);
        _buffer.Clear();
    }

    /// <summary>Drops the event being written (used when a handler fails before it can say anything useful).</summary>
    public void Abandon()
    {
        _buffer.Clear();
        _depth = -1;
    }

    public void Field(ReadOnlySpan<byte> name, string? value)
    {
        var w = Key(name);
        w.Write(value);
        w.Flush();
    }

    /// <summary>A text field given as UTF-8 bytes (paths read from the kernel), written as they are.</summary>
    public void FieldUtf8(ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        var w = Key(name);
        w.WriteString(utf8);
        w.Flush();
    }

    public void Field(ReadOnlySpan<byte> name, long value)
    {
        var w = Key(name);
        w.Write(value);
        w.Flush();
    }

    public void Field(ReadOnlySpan<byte> name, ulong value)
    {
        var w = Key(name);
        w.Write(value);
        w.Flush();
    }

    public void Field(ReadOnlySpan<byte> name, bool value)
    {
        var w = Key(name);
        w.Write(value);
        w.Flush();
    }

    public void FieldBinary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var w = Key(name);
        w.Write(value);
        w.Flush();
    }

    /// <summary>A lowercase hex field (hashes, atoms) from raw bytes.</summary>
    public void FieldHex(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        var w = Key(name);
        WriteHex(ref w, value);
        w.Flush();
    }

    /// <summary>
    /// Opens a binary field of exactly <paramref name="length"/> bytes and returns the span to fill, so large content
    /// (file_get, mem_read) is read straight into the event. Call <see cref="CommitBinary"/> with what was filled.
    /// </summary>
    public Span<byte> BeginBinary(ReadOnlySpan<byte> name, int length)
    {
        var w = Key(name);
        w.Flush();
        Span<byte> span = _buffer.GetSpan(5 + length);
        span[0] = 0xc6; // bin32: the header size does not depend on the final length
        _buffer.Advance(5);
        return _buffer.GetSpan(length)[..length];
    }

    /// <summary>Closes a binary field opened by <see cref="BeginBinary"/> with the number of bytes filled.</summary>
    public void CommitBinary(int filled)
    {
        _buffer.PatchUInt32BigEndian(_buffer.WrittenCount - 4, (uint)filled);
        _buffer.Advance(filled);
    }

    /// <summary>Opens an array field of the current map.</summary>
    public void BeginArray(ReadOnlySpan<byte> name)
    {
        var w = Key(name);
        w.Flush();
        OpenContainer(isMap: false);
    }

    public void EndArray()
    {
        Debug.Assert(!_isMap[_depth], "EndArray on a map");
        CloseContainer();
    }

    /// <summary>Opens a map field of the current map (<c>SOURCE{IP_ADDRESS, PORT}</c>).</summary>
    public void BeginMap(ReadOnlySpan<byte> name)
    {
        var w = Key(name);
        w.Flush();
        OpenContainer(isMap: true);
    }

    /// <summary>Opens a map as the next element of the current array (<c>DIRECTORY_LIST[{...}]</c>).</summary>
    public void BeginMapItem()
    {
        CountArrayItem();
        OpenContainer(isMap: true);
    }

    /// <summary>
    /// Opens a map of exactly <paramref name="fieldCount"/> fields as the next element of the current array and returns
    /// one <see cref="MessagePackWriter"/> for all of them (a listing's entry: a writer per field costs more than the
    /// field). Write the key/value pairs with it, then pass it to <see cref="EndMapItem"/>; nothing else may be
    /// written to the event in between.
    /// </summary>
    public MessagePackWriter BeginMapItem(int fieldCount)
    {
        CountArrayItem();
        var writer = new MessagePackWriter(_buffer);
        writer.WriteMapHeader(fieldCount);
        return writer;
    }

    /// <summary>Ends a map opened by <see cref="BeginMapItem(int)"/>.</summary>
    public static void EndMapItem(ref MessagePackWriter writer) => writer.Flush();

    public void EndMap()
    {
        Debug.Assert(_isMap[_depth], "EndMap on an array");
        CloseContainer();
    }

    /// <summary>A string element of the current array.</summary>
    public void Item(string value)
    {
        CountArrayItem();
        var w = new MessagePackWriter(_buffer);
        w.Write(value);
        w.Flush();
    }

    public void ItemUtf8(ReadOnlySpan<byte> utf8)
    {
        CountArrayItem();
        var w = new MessagePackWriter(_buffer);
        w.WriteString(utf8);
        w.Flush();
    }

    /// <summary>
    /// Starts a run of elements of the current array written with one <see cref="MessagePackWriter"/> (many small
    /// strings: a writer per element costs more than the element). Write exactly the elements, then pass the writer
    /// and their number to <see cref="EndItems"/>; nothing else may be written to the event in between.
    /// </summary>
    public MessagePackWriter BeginItems()
    {
        Debug.Assert(_depth >= 0 && !_isMap[_depth], "items outside an array");
        return new MessagePackWriter(_buffer);
    }

    /// <summary>Ends a run started by <see cref="BeginItems"/> that wrote <paramref name="count"/> elements.</summary>
    public void EndItems(ref MessagePackWriter writer, int count)
    {
        writer.Flush();
        _count[_depth] += (uint)count;
    }

    public void Item(long value)
    {
        CountArrayItem();
        var w = new MessagePackWriter(_buffer);
        w.Write(value);
        w.Flush();
    }

    /// <summary>
    /// A mark to roll back to: a handler that hits the event cap mid-entry drops the half-written entry with
    /// <see cref="Rollback"/> and reports the truncation instead.
    /// </summary>
    public EventMark Mark() => new(_buffer.WrittenCount, _depth, _depth >= 0 ? _count[_depth] : 0);

    public void Rollback(EventMark mark)
    {
        // A handler rolls back when an entry hit the cap; what it writes next is the trailer (TRUNCATED, counts),
        // which may use the room kept back for it.
        _buffer.MaxCapacity = _maxEventBytes;
        _buffer.Truncate(mark.Position);
        _depth = mark.Depth;
        if (_depth >= 0)
        {
            _count[_depth] = mark.Count;
        }
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>
    /// How far a listing may fill the event: the cap less <see cref="TrailerReserve"/>, kept back so that the fields
    /// after a list cut at the cap (TRUNCATED, the counts, ERROR, ERROR_MESSAGE) always fit.
    /// </summary>
    private static int BodyLimit(int maxEventBytes) => Math.Max(maxEventBytes - TrailerReserve, maxEventBytes / 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MessagePackWriter Key(ReadOnlySpan<byte> name)
    {
        Debug.Assert(_depth >= 0 && _isMap[_depth], "a field outside a map");
        _count[_depth]++;
        var w = new MessagePackWriter(_buffer);
        w.WriteString(name);
        return w;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountArrayItem()
    {
        Debug.Assert(_depth >= 0 && !_isMap[_depth], "an item outside an array");
        _count[_depth]++;
    }

    private void OpenContainer(bool isMap)
    {
        if (_depth + 1 >= MaxDepth)
        {
            throw new InvalidOperationException("event nesting too deep");
        }

        _depth++;
        _headerOffset[_depth] = _buffer.WrittenCount;
        _count[_depth] = 0;
        _isMap[_depth] = isMap;
        Span<byte> header = _buffer.GetSpan(5);
        header[0] = isMap ? Map32 : Array32;
        _buffer.Advance(5);
    }

    private void CloseContainer()
    {
        _buffer.PatchUInt32BigEndian(_headerOffset[_depth] + 1, _count[_depth]);
        _depth--;
    }

    private void WriteHex(ref MessagePackWriter w, ReadOnlySpan<byte> value)
    {
        byte[] hex = value.Length * 2 <= _scratch.Length ? _scratch : new byte[value.Length * 2];
        HexText.Encode(value, hex);
        w.WriteString(hex.AsSpan(0, value.Length * 2));
    }
}
