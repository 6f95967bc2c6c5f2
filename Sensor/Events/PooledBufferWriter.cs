using System.Buffers;
using System.Buffers.Binary;

namespace Sensor.Events;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}"/>, reused from event to event, that also lets the
/// writer patch bytes it wrote earlier (container headers whose counts are known only at the end).
/// </summary>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 64 * 1024) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The largest buffer this writer may grow to; beyond it <see cref="GetSpan"/> throws.</summary>
    public int MaxCapacity { get; set; } = 256 * 1024 * 1024;

    public void Clear()
    {
        _written = 0;
        // A buffer grown for one huge event (file_get) is handed back so an idle sensor stays small.
        if (_buffer.Length > 4 * 1024 * 1024)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        }
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            ThrowAdvancePastEnd();
        }

        _written += count;
    }

    // What is handed out stops at the cap, so nothing can be written past it, whatever the rented array's size.
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written, Limit - _written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written, Limit - _written);
    }

    private int Limit => Math.Min(_buffer.Length, MaxCapacity);

    /// <summary>Overwrites a big-endian u32 at <paramref name="offset"/>, which must lie in the written part.</summary>
    public void PatchUInt32BigEndian(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(offset, 4), value);

    /// <summary>Forgets everything written after <paramref name="position"/> (used to drop a half-written entry).</summary>
    public void Truncate(int position)
    {
        if ((uint)position > (uint)_written)
        {
            throw new ArgumentOutOfRangeException(nameof(position));
        }

        _written = position;
    }

    private void Ensure(int sizeHint)
    {
        // No hint means "some room": 256 bytes where the cap allows, but one byte is enough near the cap (a writer
        // asks with no hint when it is created, and must not fail an event that still has room for what it writes).
        int wanted = sizeHint < 1 ? 256 : sizeHint;
        if (Limit - _written >= wanted)
        {
            return;
        }

        long needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed > MaxCapacity)
        {
            throw new EventTooLargeException(needed, MaxCapacity);
        }

        if (_buffer.Length >= Math.Min((long)_written + wanted, MaxCapacity))
        {
            return;
        }

        // Past 1 MiB grow fourfold: each step copies what was written and faults in fresh pages, and pages of the
        // larger buffer that are never written cost nothing.
        long factor = _buffer.Length >= 1 << 20 ? 4 : 2;
        long grown = Math.Max(Math.Min((long)_written + wanted, MaxCapacity), Math.Min(_buffer.Length * factor, MaxCapacity));
        byte[] next = ArrayPool<byte>.Shared.Rent((int)grown);
        _buffer.AsSpan(0, _written).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ThrowAdvancePastEnd() => throw new InvalidOperationException("Advanced past the end of the buffer.");
}
