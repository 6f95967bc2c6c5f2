namespace Sensor.Platform.Processes;

/// <summary>The reply's <c>MEMORY_TYPE</c> values (reply-events.md §2, mem_map).</summary>
public enum MemoryRegionKind
{
    Unknown = 0,

    /// <summary>An executable image (a module): a file mapping with execute rights, or its other segments.</summary>
    Image = 1,

    /// <summary>A mapped file that is not an image.</summary>
    Mapped = 2,

    /// <summary>Anonymous private memory (heap, stacks, anonymous mmap).</summary>
    Private = 3,

    Empty = 4,

    /// <summary>Anonymous shared memory.</summary>
    Shared = 5,
}
