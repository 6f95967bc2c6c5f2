using System.Runtime.ExceptionServices;

namespace Sensor.Platform;

/// <summary>
/// Runs the parts of a job on the calling thread and on helper threads that live as long as the process, for the
/// short parallel listings (os_processes, netstat's descriptor walk) that an agent repeats: starting a thread per
/// listing costs more than the thread itself, because .NET's <see cref="Thread.Start()"/> waits for the new thread
/// by yielding in a loop, which on a busy machine burned about a twentieth of a listing's CPU. At most
/// <see cref="MaxHelpers"/> helpers are started, on first need. A part that no helper has picked up by the time
/// the calling thread is free runs on the calling thread, so a job never waits for a helper busy elsewhere.
/// </summary>
public static class ParallelWork
{
    public const int MaxHelpers = 3;

    private static readonly Lock s_lock = new();
    private static readonly List<Part> s_parts = [];
    private static readonly SemaphoreSlim s_signal = new(0);
    private static int s_helpers;

    [ThreadStatic]
    private static bool t_isHelper;

    /// <summary>
    /// True on a helper thread. A part may run on the calling thread instead (taken back), so a part that changes its
    /// thread (the scheduling class) asks this, not its index.
    /// </summary>
    public static bool IsHelperThread => t_isHelper;

    /// <summary>
    /// Calls <paramref name="body"/>(0) on this thread and <paramref name="body"/>(1 .. <paramref name="parts"/>-1)
    /// on helpers, and returns when every call has returned. The first exception thrown by a part is rethrown here.
    /// </summary>
    public static void Run(int parts, Action<int> body)
    {
        if (parts <= 1)
        {
            body(0);
            return;
        }

        var job = new Job(body, parts - 1);
        lock (s_lock)
        {
            for (int i = 1; i < parts; i++)
            {
                s_parts.Add(new Part(job, i));
            }
        }

        s_signal.Release(parts - 1);
        Prepare(parts);
        job.Call(0);
        // Whatever no helper has started yet is done here rather than waited for.
        while (TakeBack(job) is { } part)
        {
            job.Call(part.Index);
        }

        job.Wait();
    }

    /// <summary>
    /// Starts the helpers a job of <paramref name="parts"/> parts will use, if they are not running yet, so that a
    /// caller can have them start while it prepares the job (a thread takes a fraction of a millisecond to start).
    /// </summary>
    public static void Prepare(int parts)
    {
        int start;
        lock (s_lock)
        {
            start = Math.Min(parts - 1, MaxHelpers) - s_helpers;
            if (start <= 0)
            {
                return;
            }

            s_helpers += start;
        }

        for (int i = 0; i < start; i++)
        {
            new Thread(HelperLoop, maxStackSize: 256 * 1024) { IsBackground = true, Name = "parallel-work" }.Start();
        }
    }

    private static Part? TakeBack(Job job)
    {
        lock (s_lock)
        {
            for (int i = 0; i < s_parts.Count; i++)
            {
                if (s_parts[i].Job == job)
                {
                    Part part = s_parts[i];
                    s_parts.RemoveAt(i);
                    return part;
                }
            }
        }

        return null;
    }

    private static void HelperLoop()
    {
        t_isHelper = true;
        while (true)
        {
            // A signal may outlive its part (taken back by the job's own thread): then there is nothing to do.
            s_signal.Wait();
            Part? part = null;
            lock (s_lock)
            {
                if (s_parts.Count > 0)
                {
                    part = s_parts[0];
                    s_parts.RemoveAt(0);
                }
            }

            part?.Job.Call(part.Index);
        }
    }

    private sealed record Part(Job Job, int Index);

    private sealed class Job(Action<int> body, int helperParts)
    {
        private readonly object _gate = new();
        private int _remaining = helperParts;
        private ExceptionDispatchInfo? _failure;

        /// <summary>Runs part <paramref name="index"/>; a helper part also counts down.</summary>
        public void Call(int index)
        {
            try
            {
                body(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }

            if (index != 0 && Interlocked.Decrement(ref _remaining) == 0)
            {
                lock (_gate)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }

        public void Wait()
        {
            lock (_gate)
            {
                while (Volatile.Read(ref _remaining) > 0)
                {
                    Monitor.Wait(_gate);
                }
            }

            _failure?.Throw();
        }
    }
}
