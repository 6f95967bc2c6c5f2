namespace Sensor.Scanning;

/// <summary>Why a process's scan ended.</summary>
public enum ScanStopReason
{
    /// <summary>Every accepted region was read (regions that vanished meanwhile are counted as skipped).</summary>
    Completed = 0,
    Deadline = 1,
    ByteBudget = 2,
    HitCap = 3,

    /// <summary>The process exited (or could not be opened); <see cref="MemoryBlockReader.Error"/> says which.</summary>
    ProcessError = 4,
    Cancelled = 5,
}
