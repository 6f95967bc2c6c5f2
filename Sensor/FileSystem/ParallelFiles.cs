using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// Hashes many files at once on dedicated threads (not the thread pool, which adds blocking threads too slowly for
/// a cold tree). Each worker owns one buffer for its whole life.
/// </summary>
public static class ParallelFiles
{
    private const int WorkerBufferSize = 256 * 1024;

    /// <summary>Cores for hashing, and at least 16 reads in flight for a cold tree.</summary>
    public static int WorkerCount { get; set; } = Math.Clamp(Environment.ProcessorCount * 2, 16, 64);

    public static HashedFile[] Hash(IReadOnlyList<byte[]> files, CancellationToken cancellation)
    {
        var results = new HashedFile[files.Count];
        int next = -1;
        // The performance mode (set_performance_mode) is read once: a run keeps the concurrency it started with.
        bool background = ScanThrottle.IsEnabled;
        int workers = Math.Min(ScanThrottle.Workers(WorkerCount), Math.Max(1, files.Count));
        var threads = new Thread[workers];
        Exception? failure = null;
        for (int t = 0; t < workers; t++)
        {
            threads[t] = new Thread(() =>
            {
                byte[] buffer = new byte[WorkerBufferSize];
                try
                {
                    if (background)
                    {
                        Os.SetCurrentThreadBackground(true);
                    }

                    int i;
                    while ((i = Interlocked.Increment(ref next)) < files.Count && !cancellation.IsCancellationRequested)
                    {
                        byte[] hash = new byte[32];
                        int error = FileHasher.HashFile(files[i], hash, out FileStatus status, buffer, cancellation);
                        results[i] = new HashedFile(files[i], error, status, hash);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or UnauthorizedAccessException)
                {
                    failure ??= e;
                }
            }, maxStackSize: 256 * 1024)
            { IsBackground = true, Name = "hash-worker" };
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        cancellation.ThrowIfCancellationRequested();
        return Array.FindAll(results, r => r is not null);
    }
}
