namespace Sensor.Platform.Linux.Procfs;

/// <summary>The fields of <c>/proc/PID/stat</c> the sensor uses (proc(5) numbering in the comments).</summary>
public struct ProcStat
{
    public int ProcessId;      // 1
    public char State;         // 3
    public int ParentProcessId; // 4
    public uint Flags;         // 9, PF_* (PF_KTHREAD marks a kernel thread)
    public int Threads;        // 20
    public ulong StartTime;    // 22, clock ticks since boot
    public ulong VirtualSize;  // 23, bytes
    public long ResidentPages; // 24
    public ulong StartCode;    // 26
}
