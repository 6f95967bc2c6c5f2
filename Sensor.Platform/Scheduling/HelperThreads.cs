namespace Sensor.Platform;

/// <summary>
/// The sensor's few long-lived helper threads, parked between jobs: the second thread of a directory walk, the
/// reader of a file being hashed, the parts of a parallel listing (<see cref="ParallelWork"/>). Starting a thread per job would cost its creator a wait until the
/// new thread runs (Thread.Start yields until then: about 10% of a 2 ms walk's CPU when measured under load). Jobs
/// here may block on I/O, which is why they do not go to the .NET thread pool.
/// </summary>
/// <remarks>
/// A helper is an optimisation, never a requirement: when all <see cref="MaxThreads"/> are busy (several tasks at
/// once) <see cref="TryRun"/> says no and the caller does the work itself. Jobs must not throw.
/// </remarks>
public static class HelperThreads
{
    public const int MaxThreads = 4;

    private static readonly object s_gate = new();
    private static readonly Queue<Action> s_jobs = new();
    private static int s_threads;
    private static int s_idle;

    [ThreadStatic]
    private static bool t_isHelper;

    /// <summary>True on a helper thread (a job that sets its thread's scheduling class asks this).</summary>
    public static bool IsHelperThread => t_isHelper;

    /// <summary>
    /// Starts helpers, parked, until <paramref name="count"/> are running (at most <see cref="MaxThreads"/>), so that
    /// a caller can have them start while it prepares a job: a thread takes a fraction of a millisecond to start.
    /// </summary>
    public static void Prepare(int count)
    {
        int start;
        lock (s_gate)
        {
            start = Math.Min(count, MaxThreads) - s_threads;
            if (start <= 0)
            {
                return;
            }

            s_threads += start;
        }

        for (int i = 0; i < start; i++)
        {
            StartThread(null);
        }
    }

    /// <summary>Hands <paramref name="job"/> to a parked helper, or starts one; false when every helper is busy.</summary>
    public static bool TryRun(Action job)
    {
        lock (s_gate)
        {
            if (s_idle > s_jobs.Count)
            {
                s_jobs.Enqueue(job);
                Monitor.Pulse(s_gate);
                return true;
            }

            if (s_threads >= MaxThreads)
            {
                return false;
            }

            s_threads++;
        }

        StartThread(job);
        return true;
    }

    private static void StartThread(Action? first) =>
        new Thread(() => Run(first), maxStackSize: 256 * 1024) { IsBackground = true, Name = "sensor-helper" }.Start();

    private static void Run(Action? first)
    {
        t_isHelper = true;
        Action? job = first;
        while (true)
        {
            try
            {
                job?.Invoke();
            }
            catch (Exception)
            {
                // Jobs catch what they expect and hand it to their caller; anything else must neither end the
                // process (an exception leaving a thread does) nor lose the helper.
            }

            lock (s_gate)
            {
                s_idle++;
                while (s_jobs.Count == 0)
                {
                    Monitor.Wait(s_gate);
                }

                s_idle--;
                job = s_jobs.Dequeue();
            }
        }
    }
}
