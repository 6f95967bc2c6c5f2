using System.Buffers;

namespace Sensor.Channel;

/// <summary>One decoded frame body in a pooled buffer; dispose it once the message is read.</summary>
public sealed class Frame : IDisposable
{
    private byte[]? _buffer;

    internal Frame(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Payload =>
        _buffer is null ? throw new ObjectDisposedException(nameof(Frame)) : _buffer.AsMemory(0, Length);

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
