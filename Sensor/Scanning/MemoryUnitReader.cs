using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Scanning;

/// <summary>
/// One scanning thread's reader of a <see cref="MemoryScanPlan"/>'s units, into its own buffer (allocated once,
/// reused for every unit and process). A unit is read in one call with its overlap in front, read again from the
/// process rather than carried over, so the block handed out is the one <see cref="MemoryBlockReader"/> hands out
/// for the same chunk. After a read fault the plan says where to go on and whether to count the fault
/// (<see cref="MemoryScanPlan.ResolveFault"/>); reading goes on within the unit only: the chunks after it are other
/// units, read by whichever thread takes them.
/// </summary>
/// <remarks>Not thread-safe: one reader per scanning thread. The process stays open across units until <see cref="Close"/>.</remarks>
public sealed class MemoryUnitReader : IDisposable
{
    private byte[] _buffer;
    private ProcessMemoryHandle _handle;
    private bool _open;
    private MemoryScanPlan? _plan;
    private MemoryRegion _region;
    private ulong _nextAddress;
    private ulong _readEnd;  // the end of what may be read without asking the plan: the unit's end until a fault
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

    /// <summary>Read faults counted in the current unit (regions that vanished or turned unreadable, wholly or in part).</summary>
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
        if (_done || (_pendingFault != 0 && !GoOnAfterFault(_pendingFault)))
        {
            return false;
        }

        while (true)
        {
            if (_nextAddress >= _readEnd)
            {
                // Done, unless a fault moved reading into a region of the re-read maps that ends before the unit.
                if (_readEnd >= _unitEnd || !_plan!.FindNextListed(_nextAddress, out ulong start, out MemoryRegion next) || start >= _unitEnd)
                {
                    return Finish(ScanStopReason.Completed);
                }

                MoveTo(start, next);
            }

            if (!_firstRead)
            {
                // The plan checked the limits before handing the unit out; the reads a fault adds are checked here.
                ScanStopReason limit = _plan!.Limits.CheckTime();
                if (limit != ScanStopReason.Completed)
                {
                    return Finish(limit);
                }
            }

            _firstRead = false;
            ulong address = _nextAddress;
            int toRead = (int)(_readEnd - address);
            int error = Read(address, toRead, out int carried, out int got);
            if (error == 0)
            {
                BytesRead += got;
                block = new MemoryBlock(address - (ulong)carried, _buffer.AsSpan(0, carried + got), carried, _region);
                // A short read: hand out what was read, and ask the plan where to go on at the next call.
                _pendingFault = got < toRead ? address + (ulong)got : 0;
                _nextAddress += (ulong)got;
                return true;
            }

            if (error != ErrorCodes.InvalidAddress && error != ErrorCodes.ReadFault)
            {
                Error = error;
                return Finish(ScanStopReason.ProcessError);
            }

            // Unmapped since the maps were read (or a guard/IO page).
            if (!GoOnAfterFault(address))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="toRead"/> bytes at <paramref name="address"/>, with the unit's overlap in front on its
    /// first read. Success with nothing read is a fault (the host's <c>ReadMemory</c> reports it so).
    /// </summary>
    private int Read(ulong address, int toRead, out int carried, out int got)
    {
        carried = _carry;
        _carry = 0;
        if (carried > 0)
        {
            int error = Os.ReadMemory(ref _handle, address - (ulong)carried, _buffer.AsSpan(0, carried + toRead), out got);
            if (error == 0 && got > carried)
            {
                got -= carried;
                return error;
            }

            // The overlap (the end of the previous chunk, another unit) or the chunk itself no longer reads: read
            // the chunk alone; a fault in the overlap is the previous unit's to count.
            carried = 0;
        }

        return Os.ReadMemory(ref _handle, address, _buffer.AsSpan(0, toRead), out got);
    }

    /// <summary>After a read fault at <paramref name="fault"/>: counts it if the plan says so and goes on where the plan says, if that is in this unit.</summary>
    private bool GoOnAfterFault(ulong fault)
    {
        _pendingFault = 0;
        int error = _plan!.ResolveFault(fault, out ulong resume, out MemoryRegion region, out bool counted);
        if (error != 0)
        {
            Error = error;
            return Finish(ScanStopReason.ProcessError);
        }

        RegionsSkipped += counted ? 1 : 0;
        if (resume >= _unitEnd)
        {
            return Finish(ScanStopReason.Completed);
        }

        MoveTo(resume, region);
        return true;
    }

    private void MoveTo(ulong address, in MemoryRegion region)
    {
        _region = region;
        _nextAddress = address;
        _readEnd = Math.Min(_unitEnd, region.EndAddress);
    }

    private bool Finish(ScanStopReason reason)
    {
        StopReason = reason;
        _done = true;
        return false;
    }
}
