namespace Sensor.Platform.Processes;

/// <summary>
/// An open view of another process's memory. <see cref="Native"/> is the OS's handle (Linux: a <c>/proc/PID/mem</c>
/// descriptor opened only when <c>process_vm_readv</c> is refused, else -1; Windows: a process HANDLE; macOS: a
/// task port). Closed with the host's <c>CloseMemory</c>.
/// </summary>
public struct ProcessMemoryHandle
{
    public int ProcessId;
    public nint Native;

    /// <summary>Set once the fast path (process_vm_readv) has been refused, so it is not tried per chunk.</summary>
    public bool UseFallback;
}
