namespace Sensor.FileSystem;

/// <summary>How <see cref="FileHasher"/> reads a file that does not fit its buffer.</summary>
public enum HashReadMode
{
    /// <summary>
    /// One file at a time: the hashing thread reads, and asks the OS to fetch a window ahead (a cold file's reads
    /// then overlap with the hashing).
    /// </summary>
    Advised = 0,

    /// <summary>
    /// One big file on an otherwise idle machine (file_hash): a helper thread reads ahead into a ring of buffers
    /// (<see cref="ReadAheadFileReader"/>), so even the copy out of the page cache overlaps with the hashing.
    /// </summary>
    ReadAhead = 1,

    /// <summary>
    /// One of many files hashed at once (<see cref="HashPipeline"/>): the parallel reads keep the disk busy, and
    /// the fetch-ahead advice is left out because on a warm file it only costs (about 1.2 ms of CPU per 100 MiB,
    /// the kernel walking pages it already has).
    /// </summary>
    Plain = 2,
}
