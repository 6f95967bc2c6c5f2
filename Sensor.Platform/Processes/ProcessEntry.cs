namespace Sensor.Platform.Processes;

/// <summary>One process as os_processes reports it. Text fields are empty, never null, when the OS hides them.</summary>
public sealed class ProcessEntry
{
    public int ProcessId { get; set; }

    public int ParentProcessId { get; set; }

    /// <summary>The executable's path (Linux: the target of <c>/proc/PID/exe</c>, " (deleted)" suffix kept).</summary>
    public string FilePath { get; set; } = "";

    /// <summary>The command line, arguments joined by single spaces.</summary>
    public string CommandLine { get; set; } = "";

    /// <summary>The short name the kernel keeps (<c>comm</c>), used when the path is hidden (kernel threads).</summary>
    public string Name { get; set; } = "";

    public long UserId { get; set; } = -1;

    public string UserName { get; set; } = "";

    public int Threads { get; set; }

    /// <summary>Resident memory in bytes.</summary>
    public long MemoryUsage { get; set; }

    /// <summary>Where the executable image is mapped, 0 when unknown.</summary>
    public ulong BaseAddress { get; set; }

    /// <summary>
    /// Process start time in the OS's own monotonic unit (Linux: clock ticks since boot; Windows: FILETIME). Only
    /// compared for equality and fed to the atom: a pid reused by a later process has a different start time.
    /// </summary>
    public ulong StartTime { get; set; }

    /// <summary>One-letter state as the OS reports it (Linux <c>R S D T t Z X</c>), for tests and diagnostics.</summary>
    public char State { get; set; }

    public void Clear()
    {
        ProcessId = 0;
        ParentProcessId = 0;
        FilePath = "";
        CommandLine = "";
        Name = "";
        UserId = -1;
        UserName = "";
        Threads = 0;
        MemoryUsage = 0;
        BaseAddress = 0;
        StartTime = 0;
        State = '\0';
    }
}
