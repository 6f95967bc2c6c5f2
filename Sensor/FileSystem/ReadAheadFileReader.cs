using System.Buffers;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// Reads one file front to back on a helper thread (<see cref="HelperThreads"/>) into a ring of buffers while the
/// caller consumes (hashes) the ones already filled. For a warm file the copy out of the page cache is about 7% of a
/// SHA-256 pass over 1 MiB reads; on a second core it overlaps with the hashing instead of adding to it, and for a
/// cold file the waits for the disk overlap too. Only worth a thread for one big file on an otherwise idle core (file_hash): a walk that
/// hashes many files at once keeps every core busy already.
/// </summary>
/// <remarks>
/// The reader runs at most <see cref="SlotCount"/> buffers ahead. <see cref="Dispose"/> stops it and waits for it
/// to end before the buffers go back to the pool, so no buffer is written after it was returned.
/// </remarks>
public sealed class ReadAheadFileReader : IDisposable
{
    public const int SlotCount = 4;
    public const int SlotSize = 1024 * 1024;

    // Cold files: keep [offset + Lead, offset + Lead + Step) requested from the disk (the reader's own pace).
    private const long ReadAheadStep = 8L * 1024 * 1024;
    private const long ReadAheadLead = 24L * 1024 * 1024;

    private readonly SafeFileHandle _handle;
    private readonly long _expectedSize;
    private readonly byte[][] _slots = new byte[SlotCount][];
    private readonly int[] _lengths = new int[SlotCount];
    private readonly int[] _errors = new int[SlotCount];
    private readonly bool[] _final = new bool[SlotCount];
    private readonly object _gate = new();
    private int _filled;
    private bool _readerWaits;
    private bool _stop;
    private bool _done;
    private ExceptionDispatchInfo? _failure;
    private int _next;
    private bool _ended;

    private ReadAheadFileReader(SafeFileHandle handle, long expectedSize)
    {
        _handle = handle;
        _expectedSize = expectedSize;
        for (int i = 0; i < SlotCount; i++)
        {
            _slots[i] = ArrayPool<byte>.Shared.Rent(SlotSize);
        }
    }

    /// <summary>Starts reading <paramref name="handle"/> on a helper thread; null when none is free (read inline then).</summary>
    public static ReadAheadFileReader? TryStart(SafeFileHandle handle, long expectedSize)
    {
        var reader = new ReadAheadFileReader(handle, expectedSize);
        if (HelperThreads.TryRun(reader.ReadLoop))
        {
            return reader;
        }

        reader.ReturnBuffers();
        return null;
    }

    /// <summary>
    /// Waits for the next filled buffer. False at the end of the file or on a read error (<paramref name="error"/>);
    /// otherwise <paramref name="data"/> is valid until the next call.
    /// </summary>
    public bool TryNext(out ReadOnlySpan<byte> data, out int error, CancellationToken cancellation)
    {
        data = default;
        error = ErrorCodes.Success;
        if (_ended)
        {
            return false;
        }

        cancellation.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_next > 0)
            {
                // The buffer handed out last time is consumed. The reader is woken only once half the ring is free:
                // one wake-up per two buffers, and never a spin (the reader is much faster than the hashing).
                _filled--;
                if (_readerWaits && _filled <= SlotCount / 2)
                {
                    _readerWaits = false;
                    Monitor.Pulse(_gate);
                }
            }

            while (_filled == 0 && _failure is null)
            {
                // The timeout only bounds how late a cancellation is seen while a cold read is waited for.
                _ = Monitor.Wait(_gate, 100);
                cancellation.ThrowIfCancellationRequested();
            }

            _failure?.Throw();
        }

        int slot = _next++ % SlotCount;
        error = _errors[slot];
        int length = _lengths[slot];
        _ended = _final[slot];
        if (error != ErrorCodes.Success || length == 0)
        {
            _ended = true;
            return false;
        }

        data = _slots[slot].AsSpan(0, length);
        return true;
    }

    private void ReadLoop()
    {
        try
        {
            ReadAll();
        }
        catch (Exception e)
        {
            // Not expected (reads report errors as codes), but a helper job must not throw: the consumer rethrows.
            lock (_gate)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
        finally
        {
            lock (_gate)
            {
                _done = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void ReadAll()
    {
        long offset = 0;
        Os.AdviseSequential(_handle, _expectedSize);
        Os.AdviseWillNeed(_handle, 0, ReadAheadLead + ReadAheadStep);
        long nextAdvice = ReadAheadStep;
        for (int slot = 0; ; slot = (slot + 1) % SlotCount)
        {
            lock (_gate)
            {
                while (_filled == SlotCount && !_stop)
                {
                    _readerWaits = true;
                    Monitor.Wait(_gate);
                }

                if (_stop)
                {
                    return;
                }
            }

            if (offset >= nextAdvice)
            {
                Os.AdviseWillNeed(_handle, nextAdvice + ReadAheadLead, ReadAheadStep);
                nextAdvice += ReadAheadStep;
            }

            // A short read where stat said the file ends is its end: no further read that would return 0.
            int error = FileHasher.ReadChunk(_handle, _slots[slot], offset, _expectedSize, out int filled, out bool atEnd);
            offset += filled;
            bool last = error != ErrorCodes.Success || atEnd;
            _errors[slot] = error;
            _lengths[slot] = filled;
            _final[slot] = last;
            lock (_gate)
            {
                // The consumer waits only when it has caught up with the reader (a cold file); wake it then.
                if (_filled++ == 0)
                {
                    Monitor.Pulse(_gate);
                }
            }

            if (last)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Stops the reader, waiting for a free buffer or between reads, and waits until it has ended: no buffer
            // may be written after it went back to the pool.
            _stop = true;
            Monitor.PulseAll(_gate);
            while (!_done)
            {
                Monitor.Wait(_gate);
            }
        }

        ReturnBuffers();
    }

    private void ReturnBuffers()
    {
        for (int i = 0; i < SlotCount; i++)
        {
            ArrayPool<byte>.Shared.Return(_slots[i]);
        }
    }
}
