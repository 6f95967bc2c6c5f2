namespace Sensor.Platform.Linux.Procfs;

/// <summary>One line of <c>/proc/PID/maps</c>, its path still a slice of the input.</summary>
public readonly ref struct MapsEntry
{
    public ulong Start { get; init; }
    public ulong End { get; init; }
    public bool Read { get; init; }
    public bool Write { get; init; }
    public bool Execute { get; init; }

    /// <summary>'s' shared or 'p' private (copy-on-write).</summary>
    public bool Shared { get; init; }
    public ulong Offset { get; init; }
    public uint DeviceMajor { get; init; }
    public uint DeviceMinor { get; init; }
    public ulong Inode { get; init; }

    /// <summary>The path, a pseudo-name (<c>[heap]</c>, <c>[stack]</c>, <c>[vdso]</c>) or empty for anonymous memory.</summary>
    public ReadOnlySpan<byte> Path { get; init; }
}
