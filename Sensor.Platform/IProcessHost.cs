using Sensor.Platform.Processes;

namespace Sensor.Platform;

/// <summary>
/// Processes and their memory, as os_processes, kill/suspend/resume and the mem_* commands need them. Every member
/// returns a reply <c>ERROR</c> code (0 = success; <see cref="ErrorCodes"/>), translated from the native error in the
/// host. Processes can exit at any point between two calls: callers treat <see cref="ErrorCodes.InvalidParameter"/>
/// (ESRCH and the like) as "gone".
/// </summary>
public interface IProcessHost
{
    /// <summary>The sensor's own pid, which the control commands refuse to act on.</summary>
    static abstract int CurrentProcessId { get; }

    /// <summary>An id of this boot (Linux: <c>/proc/sys/kernel/random/boot_id</c>), the first input of atoms.</summary>
    static abstract ReadOnlySpan<byte> BootId { get; }

    /// <summary>Appends the pid of every process to <paramref name="processIds"/> (cleared first).</summary>
    static abstract int ListProcessIds(List<int> processIds);

    /// <summary>Fills <paramref name="entry"/> for one process. <paramref name="withCommandLine"/> false skips the slow fields.</summary>
    static abstract int GetProcess(int processId, ProcessEntry entry, bool withCommandLine);

    /// <summary>The identity of the process's executable file, for the hash cache.</summary>
    static abstract int GetExecutableIdentity(int processId, out ExecutableIdentity identity);

    /// <summary>Opens the process's executable for hashing (works on Linux even when the file was deleted).</summary>
    static abstract int OpenExecutable(int processId, out Microsoft.Win32.SafeHandles.SafeFileHandle? handle);

    /// <summary>Replaces <paramref name="regions"/> with the process's mappings, in address order.</summary>
    static abstract int ListRegions(int processId, List<MemoryRegion> regions);

    static abstract int OpenMemory(int processId, out ProcessMemoryHandle handle);

    /// <summary>
    /// Reads up to <paramref name="destination"/>.Length bytes at <paramref name="address"/>, never stopping the
    /// target. A short read (the range ends in unmapped memory) returns success with <paramref name="bytesRead"/>
    /// below the length; nothing readable at <paramref name="address"/> returns <see cref="ErrorCodes.InvalidAddress"/>.
    /// </summary>
    static abstract int ReadMemory(ref ProcessMemoryHandle handle, ulong address, Span<byte> destination, out int bytesRead);

    static abstract void CloseMemory(ref ProcessMemoryHandle handle);

    /// <summary>Kills, suspends or resumes a process, or one thread of it when <paramref name="threadId"/> is not 0.</summary>
    static abstract int ControlProcess(int processId, int threadId, ProcessControl action);
}
