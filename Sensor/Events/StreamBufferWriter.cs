using System.Buffers;

namespace Sensor.Events;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over a stream: what is written collects in a <see cref="PooledBufferWriter"/>
/// and goes to the stream whenever the next request would take it past <paramref name="bufferSize"/>, so an event of
/// any size is printed with bounded memory.
/// </summary>
public sealed class StreamBufferWriter(Stream stream, int bufferSize = 64 * 1024) : IBufferWriter<byte>, IDisposable
{
    private readonly PooledBufferWriter _buffer = new(bufferSize);

    public void Advance(int count) => _buffer.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.GetSpan(sizeHint);
    }

    /// <summary>Writes what is buffered to the stream (the stream itself is not flushed).</summary>
    public void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            stream.Write(_buffer.WrittenSpan);
            _buffer.Clear();
        }
    }

    /// <summary>Drops what is buffered and not yet written to the stream.</summary>
    public void Discard() => _buffer.Clear();

    public void Dispose() => _buffer.Dispose();

    private void MakeRoom(int sizeHint)
    {
        if (_buffer.WrittenCount + Math.Max(sizeHint, 1) > bufferSize)
        {
            Flush();
        }
    }
}
