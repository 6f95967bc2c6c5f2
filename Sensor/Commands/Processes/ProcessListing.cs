using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>
/// Reads every listed process (and its executable's hash) on up to <see cref="MaxWorkers"/> threads (this one and
/// <see cref="ParallelWork"/>'s helpers) into slots, which the caller writes out in pid order. The work is the
/// kernel's (a few /proc reads per process, about 18 µs each), so a listing scales with cores; processes are taken
/// in chunks so that one slow process (a cold executable to hash) does not hold up the others. Slots are reused
/// by the next listing of this process.
/// </summary>
public sealed class ProcessListing
{
    public const int MaxWorkers = 1 + ParallelWork.MaxHelpers;

    // Below this many processes a thread costs more to start than it saves.
    private const int ProcessesPerWorker = 64;
    private const int Chunk = 16;

    /// <summary>Slots held at once (about 150 bytes each plus the strings); more processes are read a window at a time.</summary>
    internal static int MaxSlots { get; set; } = 1 << 16;

    private static ProcessListing? s_spare;

    private Slot[] _slots = [];
    private int[] _chunkDone = [];

    /// <summary>The threads a listing of many processes uses now (fewer in the performance mode).</summary>
    public static int Workers => ScanThrottle.Workers(Math.Clamp(Environment.ProcessorCount, 1, MaxWorkers));

    /// <summary>A listing whose slots a previous listing allocated, when one is free; give it back with <see cref="Return"/>.</summary>
    public static ProcessListing Rent() => Interlocked.Exchange(ref s_spare, null) ?? new ProcessListing();

    public static void Return(ProcessListing listing) => Volatile.Write(ref s_spare, listing);

    /// <summary>
    /// Fills slot i with process <paramref name="processIds"/>[i] and hands the slots to <paramref name="write"/> in
    /// that order on the calling thread: between its own chunks while the helpers read on (writing the reply
    /// overlaps the reading), the rest at the end. <paramref name="write"/> returning false stops the listing.
    /// </summary>
    public void Read(List<int> processIds, bool withHashes, Func<Slot, bool> write, CancellationToken cancellation)
    {
        // A window of processes at a time, so the slots stay bounded however many processes there are.
        for (int first = 0; first < processIds.Count; first += MaxSlots)
        {
            if (!ReadWindow(processIds, first, Math.Min(MaxSlots, processIds.Count - first), withHashes, write, cancellation))
            {
                return;
            }
        }
    }

    /// <summary>Processes [first, first + count) of the list; false when <paramref name="write"/> stopped the listing.</summary>
    private bool ReadWindow(List<int> processIds, int first, int count, bool withHashes, Func<Slot, bool> write, CancellationToken cancellation)
    {
        if (_slots.Length < count)
        {
            int old = _slots.Length;
            Array.Resize(ref _slots, Math.Min(MaxSlots, Math.Max(count, old * 2)));
            for (int i = old; i < _slots.Length; i++)
            {
                _slots[i] = new Slot();
            }
        }

        int chunks = (count + Chunk - 1) / Chunk;
        if (_chunkDone.Length < chunks)
        {
            _chunkDone = new int[(_slots.Length / Chunk) + 1];
        }

        Array.Clear(_chunkDone, 0, chunks);
        // The performance mode (set_performance_mode) is read once: a listing keeps the concurrency it started with.
        bool background = ScanThrottle.IsEnabled;
        int workers = Math.Min(Workers, Math.Max(1, count / ProcessesPerWorker));
        int next = -1;
        int written = 0;
        bool stop = false;
        int caller = Environment.CurrentManagedThreadId;

        // Writes every slot of the chunks done so far in order; on the calling thread only.
        void WriteReady()
        {
            while (!stop && written < chunks && Volatile.Read(ref _chunkDone[written]) != 0)
            {
                for (int i = written * Chunk; i < Math.Min((written + 1) * Chunk, count); i++)
                {
                    if (!write(_slots[i]))
                    {
                        Volatile.Write(ref stop, true);
                        return;
                    }
                }

                written++;
            }
        }

        ParallelWork.Run(workers, _ =>
        {
            if (ParallelWork.IsHelperThread)
            {
                // A helper thread serves every parallel job: it takes this job's scheduling class each time.
                Os.SetCurrentThreadBackground(background);
            }

            bool onCaller = Environment.CurrentManagedThreadId == caller;
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks && !Volatile.Read(ref stop) && !cancellation.IsCancellationRequested)
            {
                for (int i = chunk * Chunk; i < Math.Min((chunk + 1) * Chunk, count); i++)
                {
                    _slots[i].Fill(processIds[first + i], withHashes);
                }

                Volatile.Write(ref _chunkDone[chunk], 1);
                if (onCaller)
                {
                    WriteReady();
                }
            }
        });
        cancellation.ThrowIfCancellationRequested();
        WriteReady();
        return !stop;
    }

    /// <summary>One process as read: <see cref="Error"/> is the <see cref="IProcessHost.GetProcess"/> result.</summary>
    public sealed class Slot
    {
        public ProcessEntry Entry { get; } = new();

        public int Error { get; private set; }

        /// <summary>The executable's SHA-256 when <see cref="HasHash"/>.</summary>
        public byte[] Hash { get; } = new byte[32];

        public bool HasHash { get; private set; }

        internal void Fill(int processId, bool withHash)
        {
            HasHash = false;
            Error = Os.GetProcess(processId, Entry, withCommandLine: true);
            if (Error == ErrorCodes.Success && withHash && Entry.FilePath.Length > 0)
            {
                HasHash = ExecutableHashCache.TryGet(processId, Hash);
            }
        }
    }
}
