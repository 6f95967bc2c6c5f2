using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Scanning;

/// <summary>
/// The scan engine's reader: walks a process's regions (from the maps, filtered) and reads each in chunks into one
/// buffer allocated once and reused for every chunk, region and process. Consecutive chunks of a region overlap by
/// the caller's overlap so patterns up to overlap + 1 bytes long are never split. Every consumer of process memory
/// (mem_find_string, mem_strings, hidden_module_scan, YARA) reads through it; mem_find_string on several threads reads
/// the same chunks through <see cref="MemoryScanPlan"/> and <see cref="MemoryUnitReader"/>.
/// </summary>
/// <remarks>
/// The target is never stopped: a region can be unmapped between the maps read and the chunk read; that region is
/// counted in <see cref="RegionsSkipped"/> and the walk goes on. The process exiting stops the walk with
/// <see cref="ScanStopReason.ProcessError"/>. Not thread-safe: one reader per scanning thread.
/// </remarks>
public sealed class MemoryBlockReader : IDisposable
{
    // The buffer is pinned (allocated on the pinned object heap): YARA holds a pointer to a block while it scans it.

    /// <summary>Longest overlap a caller may ask for.</summary>
    public const int MaxOverlap = 4096;

    private readonly List<MemoryRegion> _regions = [];
    private byte[] _buffer;
    private ProcessMemoryHandle _handle;
    private bool _open;
    private MemoryScanOptions _options = MemoryScanOptions.Default;
    private int _overlap;
    private int _regionIndex;
    private ulong _nextAddress;
    private int _lastBlockLength;
    private ulong _pendingFault;
    private ScanLimits _limits;

    public MemoryBlockReader(int chunkSize = 1 << 20)
    {
        _buffer = GC.AllocateUninitializedArray<byte>(chunkSize + MaxOverlap, pinned: true);
    }

    public int ProcessId { get; private set; }

    /// <summary>The process's regions as listed when the scan began (all of them, before filtering).</summary>
    public IReadOnlyList<MemoryRegion> Regions => _regions;

    public long BytesRead { get; private set; }

    public int RegionsScanned { get; private set; }

    /// <summary>Regions that vanished or turned unreadable (wholly or in part) during the scan.</summary>
    public int RegionsSkipped { get; private set; }

    /// <summary>Reply error code when <see cref="StopReason"/> is <see cref="ScanStopReason.ProcessError"/>.</summary>
    public int Error { get; private set; }

    public ScanStopReason StopReason { get; private set; }

    /// <summary>Starts on a process: lists its regions and opens its memory. Returns a reply error code.</summary>
    public int Begin(int processId, MemoryScanOptions options, int overlap, CancellationToken cancellation = default)
    {
        End();
        if (overlap < 0 || overlap > MaxOverlap)
        {
            throw new ArgumentOutOfRangeException(nameof(overlap));
        }

        if (_buffer.Length != options.ChunkSize + MaxOverlap)
        {
            _buffer = GC.AllocateUninitializedArray<byte>(options.ChunkSize + MaxOverlap, pinned: true);
        }

        ProcessId = processId;
        _options = options;
        _overlap = overlap;
        _limits = new ScanLimits(options, cancellation);
        _regionIndex = -1;
        _lastBlockLength = 0;
        _pendingFault = 0;
        BytesRead = 0;
        RegionsScanned = 0;
        RegionsSkipped = 0;
        Error = 0;
        StopReason = ScanStopReason.Completed;

        int error = Os.ListRegions(processId, _regions);
        if (error == 0)
        {
            error = Os.OpenMemory(processId, out _handle);
            _open = error == 0;
        }

        if (error != 0)
        {
            Error = error;
            StopReason = ScanStopReason.ProcessError;
        }

        return error;
    }

    /// <summary>Reads the next block; false when the scan is over (see <see cref="StopReason"/>).</summary>
    public bool ReadNext(out MemoryBlock block)
    {
        block = default;
        if (!_open)
        {
            return false;
        }

        if (_pendingFault != 0)
        {
            ulong fault = _pendingFault;
            _pendingFault = 0;
            if (!ResumeAfterFault(fault))
            {
                return false;
            }
        }

        while (true)
        {
            int carried = 0;
            if (_regionIndex < 0 || _nextAddress >= _regions[_regionIndex].EndAddress)
            {
                if (!AdvanceRegion())
                {
                    return false;
                }
            }
            else if (_lastBlockLength > _overlap)
            {
                // Same region continues: keep its last bytes in front of the next chunk.
                carried = _overlap;
                Buffer.BlockCopy(_buffer, _lastBlockLength - carried, _buffer, 0, carried);
            }

            MemoryRegion region = _regions[_regionIndex];
            ScanStopReason limit = _limits.NextChunk(BytesRead, _nextAddress, region.EndAddress, out int toRead);
            if (limit != ScanStopReason.Completed)
            {
                return Stop(limit);
            }

            ulong address = _nextAddress;
            int error = Os.ReadMemory(ref _handle, address, _buffer.AsSpan(carried, toRead), out int got);
            if (error != 0)
            {
                if (error == ErrorCodes.InvalidAddress || error == ErrorCodes.ReadFault)
                {
                    // Unmapped since the maps were read (or a guard/IO page): the mappings changed, re-read them.
                    RegionsSkipped++;
                    if (!ResumeAfterFault(address))
                    {
                        return false;
                    }

                    continue;
                }

                Error = error;
                return Stop(ScanStopReason.ProcessError);
            }

            BytesRead += got;
            block = new MemoryBlock(address - (ulong)carried, _buffer.AsSpan(0, carried + got), carried, region);
            if (got < toRead)
            {
                // Part of the region went away or is unreadable: hand out what was read, then re-read the maps
                // and go on after the hole. The block's bytes stay valid: re-listing does not touch the buffer.
                RegionsSkipped++;
                _lastBlockLength = 0;
                _pendingFault = address + (ulong)got;
            }
            else
            {
                _nextAddress += (ulong)got;
                _lastBlockLength = carried + got;
            }

            return true;
        }
    }

    /// <summary>
    /// Hands over the buffer holding the last block and takes <paramref name="fresh"/> (pinned, of the same length) for
    /// the next reads, so a consumer on another thread can keep that block while the next one is read. The bytes
    /// the next block carries over are copied into <paramref name="fresh"/>.
    /// </summary>
    public byte[] ExchangeBuffer(byte[] fresh)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(fresh.Length, _buffer.Length, nameof(fresh));
        int carry = Math.Min(_overlap, _lastBlockLength);
        Buffer.BlockCopy(_buffer, _lastBlockLength - carry, fresh, _lastBlockLength - carry, carry);
        byte[] used = _buffer;
        _buffer = fresh;
        return used;
    }

    /// <summary>Ends the scan of a process early for a reason of the caller's (the hit cap).</summary>
    public void StopEarly(ScanStopReason reason) => Stop(reason);

    /// <summary>Closes the process's memory; the buffer is kept for the next process.</summary>
    public void End()
    {
        if (_open)
        {
            Os.CloseMemory(ref _handle);
            _open = false;
        }
    }

    public void Dispose() => End();

    private bool AdvanceRegion()
    {
        _lastBlockLength = 0;
        if (_options.TryAdvance(_regions, ref _regionIndex, out _nextAddress))
        {
            RegionsScanned++;
            return true;
        }

        End();
        return false;
    }

    /// <summary>
    /// After a read fault at <paramref name="fault"/>: re-reads the maps and continues with the first accepted region
    /// that ends after the fault, at the later of its start and the page after the fault (a region still listed there
    /// but unreadable is left). Regions merged in the maps (adjacent anonymous mappings) are handled the same way.
    /// </summary>
    private bool ResumeAfterFault(ulong fault)
    {
        _lastBlockLength = 0;
        int error = Os.ListRegions(ProcessId, _regions);
        if (error != 0)
        {
            Error = error;
            return Stop(ScanStopReason.ProcessError);
        }

        if (_options.FindNext(_regions, PageAfter(fault), out int index, out ulong resume))
        {
            _regionIndex = index;
            _nextAddress = resume;
            return true;
        }

        _regionIndex = _regions.Count - 1;
        _nextAddress = ulong.MaxValue;
        End();
        return false;
    }

    /// <summary>The start of the page after the one holding <paramref name="address"/>: where a read resumes after a fault there.</summary>
    internal static ulong PageAfter(ulong address) => (address | 0xFFF) + 1;

    private bool Stop(ScanStopReason reason)
    {
        StopReason = reason;
        End();
        return false;
    }
}
