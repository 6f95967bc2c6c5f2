using System.Runtime.ExceptionServices;

namespace Sensor.Platform;

/// <summary>
/// Runs the parts of a job on the calling thread and on <see cref="HelperThreads"/>, for the short parallel listings
/// (os_processes, netstat's descriptor walk) that an agent repeats: the helpers live as long as the process, because
/// starting a thread per listing costs more than the thread itself (.NET's <see cref="Thread.Start()"/> waits for
/// the new thread by yielding in a loop, which on a busy machine burned about a twentieth of a listing's CPU). A part
/// that no helper is free for runs on the calling thread after its own, so a job never waits for a helper busy
/// elsewhere.
/// </summary>
public static class ParallelWork
{
    /// <summary>The most parts of one job that go to helpers.</summary>
    public const int MaxHelpers = 3;

    /// <summary>
    /// True on a helper thread. A part may run on the calling thread instead, so a part that changes its thread (the
    /// scheduling class) asks this, not its index.
    /// </summary>
    public static bool IsHelperThread => HelperThreads.IsHelperThread;

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
        List<int>? local = null;
        for (int i = 1; i < parts; i++)
        {
            int index = i;
            if (i > MaxHelpers || !HelperThreads.TryRun(() => job.Call(index)))
            {
                (local ??= []).Add(index);
            }
        }

        job.Call(0);
        if (local is not null)
        {
            foreach (int index in local)
            {
                job.Call(index);
            }
        }

        job.Wait();
    }

    /// <summary>Starts the helpers a job of <paramref name="parts"/> parts will use, if they are not running yet.</summary>
    public static void Prepare(int parts) => HelperThreads.Prepare(Math.Min(parts - 1, MaxHelpers));

    private sealed class Job(Action<int> body, int helperParts)
    {
        private readonly object _gate = new();
        private int _remaining = helperParts;
        private ExceptionDispatchInfo? _failure;

        /// <summary>Runs part <paramref name="index"/>; a part other than the caller's own also counts down.</summary>
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
