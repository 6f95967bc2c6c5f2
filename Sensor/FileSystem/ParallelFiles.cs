namespace Sensor.FileSystem;

/// <summary>
/// Hashes many files at once (<see cref="HashPipeline"/>) on <see cref="WorkerCount"/> threads: a warm tree is bound
/// by the cores, a cold one by the reads in flight (BASELINES.md finding 6), so there are more workers than cores.
/// </summary>
public static class ParallelFiles
{
    /// <summary>Cores for hashing, and at least 16 reads in flight for a cold tree.</summary>
    public static int WorkerCount { get; set; } = Math.Clamp(Environment.ProcessorCount * 2, 16, 64);

    /// <summary>Hashes every file of a list; the results of the files hashed, in no particular order.</summary>
    public static HashedFile[] Hash(IReadOnlyList<byte[]> files, CancellationToken cancellation)
    {
        var pipeline = new HashPipeline(WorkerCount, keep: null, cancellation);
        foreach (byte[] file in files)
        {
            pipeline.Add(file);
        }

        return [.. pipeline.Complete()];
    }
}
