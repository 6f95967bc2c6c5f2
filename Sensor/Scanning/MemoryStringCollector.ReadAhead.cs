using System.Runtime.ExceptionServices;

namespace Sensor.Scanning;

public sealed partial class MemoryStringCollector
{
    /// <summary>
    /// Runs <see cref="MemoryBlockReader.ReadNext"/> on its own thread and hands the blocks over, in order, through a
    /// ring of <see cref="Slots"/> buffers: the reader's buffer with a block goes to a free slot and the slot's buffer
    /// becomes the reader's (<see cref="MemoryBlockReader.ExchangeBuffer"/>), while the consumer works on an earlier
    /// one. Memory: the slots, fixed.
    /// </summary>
    private sealed class ReadAhead : IDisposable
    {
        private const int Slots = 3;

        private readonly MemoryBlockReader _reader;
        private readonly byte[][] _buffers = new byte[Slots][];
        private readonly ulong[] _addresses = new ulong[Slots];
        private readonly int[] _lengths = new int[Slots];
        private readonly int[] _skipped = new int[Slots];
        private readonly SemaphoreSlim _free = new(Slots, Slots + 1);
        private readonly SemaphoreSlim _full = new(0, Slots + 1);
        private readonly Thread _thread;
        private volatile bool _stop;
        private volatile int _produced;
        private int _consumed;
        private bool _holding;
        private bool _joined;
        private Exception? _failure;

        public ReadAhead(MemoryBlockReader reader, int bufferSize)
        {
            _reader = reader;
            for (int i = 0; i < Slots; i++)
            {
                _buffers[i] = GC.AllocateUninitializedArray<byte>(bufferSize, pinned: true);
            }

            _thread = new Thread(Run) { IsBackground = true, Name = "mem_strings read-ahead" };
            _thread.Start();
        }

        /// <summary>The next block, valid until the next call; false at the end of the scan.</summary>
        public bool Next(out ulong address, out ReadOnlySpan<byte> bytes, out int regionsSkipped)
        {
            if (_holding)
            {
                _holding = false;
                _consumed++;
                _free.Release();
            }

            _full.Wait();
            if (_consumed == _produced)
            {
                // The reader's end mark: it released without producing a block.
                address = 0;
                bytes = default;
                regionsSkipped = 0;
                Join();
                return false;
            }

            int slot = _consumed % Slots;
            _holding = true;
            address = _addresses[slot];
            bytes = _buffers[slot].AsSpan(0, _lengths[slot]);
            regionsSkipped = _skipped[slot];
            return true;
        }

        /// <summary>Stops reading (no more blocks are wanted) and waits for the thread; rethrows what it threw.</summary>
        public void Stop()
        {
            _stop = true;
            _free.Release(); // wakes the reader if it waits for a slot
            Join();
        }

        public void Dispose()
        {
            if (!_joined)
            {
                _stop = true;
                _free.Release();
                _thread.Join();
                _joined = true;
            }

            _free.Dispose();
            _full.Dispose();
        }

        private void Join()
        {
            if (!_joined)
            {
                _thread.Join();
                _joined = true;
            }

            if (_failure is not null)
            {
                ExceptionDispatchInfo.Throw(_failure);
            }
        }

        private void Run()
        {
            try
            {
                for (int n = 0; ; n++)
                {
                    _free.Wait();
                    if (_stop || !_reader.ReadNext(out MemoryBlock block))
                    {
                        break;
                    }

                    // The block stays where it was read: that buffer goes to the slot, the slot's to the reader.
                    int slot = n % Slots;
                    _buffers[slot] = _reader.ExchangeBuffer(_buffers[slot]);
                    _addresses[slot] = block.Address;
                    _lengths[slot] = block.Bytes.Length;
                    _skipped[slot] = _reader.RegionsSkipped;
                    _produced = n + 1;
                    _full.Release();
                }
            }
            catch (Exception e)
            {
                _failure = e;
            }
            finally
            {
                _full.Release(); // the end mark
            }
        }
    }
}
