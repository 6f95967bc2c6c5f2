using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Scanning;

/// <summary>
/// One scanning thread's reader of a <see cref="MemoryScanPlan"/>'s units, into its own buffer (allocated once,
/// reused for every unit and process). A unit is read in one call with its overlap in front, read again from the
/// process rather than carried over, so the block handed out is the one <see cref="MemoryBlockReader"/> hands out
/// for the same chunk. Faults are handled as that reader handles them (counted in <see cref="RegionsSkipped"/>, maps
/// re-read, reading resumed at the next page still listed) but only within the unit: the chunks after it are other
/// units, which their threads read and count themselves.
/// </summary>
/// <remarks>Not thread-safe: one reader per scanning thread. The process stays open across units until <see cref="Close"/>.</remarks>
public sealed class MemoryUnitReader : IDisposable
{
    private readonly List<MemoryRegion> _regions = []; // the maps as re-read after a fault in this thread's unit
    private byte[] _buffer;
    private ProcessMemoryHandle _handle;
    private bool _open;
    private MemoryScanPlan? _plan;
    private MemoryRegion _region;
    private ulong _nextAddress;
    private ulong _readEnd;  // the end of what may be read without looking at the maps again: the unit's end until a fault
    private ulong _unitEnd;
    private int _carry;
    private bool _firstRead;
    private ulong _pendingFault;
    private bool _done = true;

    public MemoryUnitReader(int chunkSize = 1 << 20)
    {
        _buffer = GC.AllocateUninitializedArray<byte>(chunkSize + MemoryBlockReader.MaxOverlap);
    }

    public int ProcessId { get; private set; }

    public bool IsOpen => _open;

    /// <summary>New bytes read since <see cref="Open"/> (the overlaps read again are not counted); zero after <see cref="Close"/>.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Read faults in the current unit (each is a region that vanished or turned unreadable, wholly or in part).</summary>
    public int RegionsSkipped { get; private set; }

    /// <summary>Reply error code when <see cref="StopReason"/> is <see cref="ScanStopReason.ProcessError"/>.</summary>
    public int Error { get; private set; }

    /// <summary>How the current unit ended: completed, or the process error, cancellation or deadline that cut it short.</summary>
    public ScanStopReason StopReason { get; private set; }

    /// <summary>Opens a process's memory for the units to come. Returns a reply error code.</summary>
    public int Open(int processId)
    {
        Close();
        ProcessId = processId;
        int error = Os.OpenMemory(processId, out _handle);
        _open = error == 0;
        return error;
    }

    public void Close()
    {
        BytesRead = 0;
        if (_open)
        {
            Os.CloseMemory(ref _handle);
            _open = false;
        }
    }

    public void Dispose() => Close();

    /// <summary>Starts on a unit of <paramref name="plan"/> (of the process <see cref="Open"/> opened).</summary>
    public void BeginUnit(MemoryScanPlan plan, in MemoryScanUnit unit)
    {
        if (_buffer.Length != plan.Options.ChunkSize + MemoryBlockReader.MaxOverlap)
        {
            _buffer = GC.AllocateUninitializedArray<byte>(plan.Options.ChunkSize + MemoryBlockReader.MaxOverlap);
        }

        _plan = plan;
        _region = plan.Regions[unit.RegionIndex];
        _nextAddress = unit.Address;
        _unitEnd = unit.Address + (ulong)unit.Length;
        _readEnd = _unitEnd;
        _carry = unit.Carried;
        _firstRead = true;
        _pendingFault = 0;
        _done = !_open;
        RegionsSkipped = 0;
        Error = 0;
        StopReason = ScanStopReason.Completed;
    }

    /// <summary>Reads the unit's next block; false when the unit is done (see <see cref="StopReason"/>).</summary>
    public bool ReadNext(out MemoryBlock block)
    {
        block = default;
        if (_done)
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
            if (_nextAddress >= _readEnd && !MoveToNextRegion())
            {
                return false;
            }

            if (!_firstRead)
            {
                // The plan checked the limits before handing the unit out; the reads a fault adds are checked here.
                ScanStopReason limit = _plan!.CheckTime();
                if (limit != ScanStopReason.Completed)
                {
                    return Finish(limit);
                }
            }

            _firstRead = false;
            int toRead = (int)(_readEnd - _nextAddress);
            int carried = _carry;
            _carry = 0;
            ulong address = _nextAddress;
            int error;
            int got;
            if (carried > 0)
            {
                error = Os.ReadMemory(ref _handle, address - (ulong)carried, _buffer.AsSpan(0, carried + toRead), out got);
                if (error == 0 && got >= carried)
                {
                    got -= carried;
                }
                else
                {
                    // The overlap itself (the end of the previous chunk, another thread's unit) no longer reads: the
                    // previous unit's thread counts that fault; this unit is read without it.
                    carried = 0;
                    error = Os.ReadMemory(ref _handle, address, _buffer.AsSpan(0, toRead), out got);
                }
            }
            else
            {
                error = Os.ReadMemory(ref _handle, address, _buffer.AsSpan(0, toRead), out got);
            }

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
                return Finish(ScanStopReason.ProcessError);
            }

            BytesRead += got;
            block = new MemoryBlock(address - (ulong)carried, _buffer.AsSpan(0, carried + got), carried, _region);
            if (got < toRead)
            {
                // Hand out what was read, then re-read the maps and go on after the hole (within this unit).
                RegionsSkipped++;
                _pendingFault = address + (ulong)got;
            }
            else
            {
                _nextAddress += (ulong)got;
            }

            return true;
        }
    }

    /// <summary>After a read fault at <paramref name="fault"/>: re-reads the maps and goes on at the next page still listed, if it is in this unit.</summary>
    private bool ResumeAfterFault(ulong fault)
    {
        int error = Os.ListRegions(ProcessId, _regions);
        if (error != 0)
        {
            Error = error;
            return Finish(ScanStopReason.ProcessError);
        }

        _nextAddress = MemoryBlockReader.PageAfter(fault);
        _readEnd = _nextAddress; // from here on the re-read maps say what is left of the unit
        return MoveToNextRegion();
    }

    /// <summary>After a fault: the next accepted region of the re-read maps at or after <see cref="_nextAddress"/>, clipped to the unit.</summary>
    private bool MoveToNextRegion()
    {
        if (_nextAddress >= _unitEnd
            || !MemoryBlockReader.FindNextRegion(_regions, _plan!.Options, _nextAddress, out int index, out ulong start)
            || start >= _unitEnd)
        {
            return Finish(ScanStopReason.Completed);
        }

        _region = _regions[index];
        _nextAddress = start;
        _readEnd = Math.Min(_unitEnd, _region.EndAddress);
        return true;
    }

    private bool Finish(ScanStopReason reason)
    {
        StopReason = reason;
        _done = true;
        return false;
    }
}
