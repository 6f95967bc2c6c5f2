using Sensor.Commands;
using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Yara;

/// <summary>
/// The background scanning behind yara_update: each process is scanned once, when it first appears (polling the
/// process list), and the configured directories on an interval. Hits are <c>YARA_DETECTION</c> events published
/// through the host's sink with the host's routing (no investigation id). Self-contained: the agent creates one,
/// calls <see cref="Start"/> with compiled rules, <see cref="Update"/> on each yara_update and <see cref="Stop"/> on
/// an empty rule set or at shutdown.
/// </summary>
public sealed class ContinuousYaraScanner : IDisposable
{
    private readonly IEventSink _sink;
    private readonly RoutingInfo _routing;
    private readonly ContinuousScanOptions _options;
    private readonly Lock _gate = new();
    private readonly HashSet<int> _seen = [];
    private YaraRules? _rules;
    private Thread? _thread;
    private CancellationTokenSource? _stop;
    private long _nextDirectoryScan;

    public ContinuousYaraScanner(IEventSink sink, RoutingInfo routing, ContinuousScanOptions options)
    {
        _sink = sink;
        _routing = routing.Clone();
        _routing.InvestigationId = null;
        _options = options;
    }

    /// <summary>The scanner the agent hosts, if any; yara_update starts, updates or stops it.</summary>
    public static ContinuousYaraScanner? Hosted { get; set; }

    public bool IsRunning => _thread is not null;

    public long ProcessesScanned { get; private set; }

    public long FilesScanned { get; private set; }

    public long Detections { get; private set; }

    /// <summary>Completed passes of the loop (tests wait on it).</summary>
    public long Passes { get; private set; }

    /// <summary>Starts scanning with <paramref name="rules"/> (the scanner takes ownership), or replaces the rules.</summary>
    public void Start(YaraRules rules)
    {
        lock (_gate)
        {
            YaraRules? old = _rules;
            _rules = rules;
            if (_thread is not null)
            {
                // The loop picks the new rules up at its next pass; the old ones go when no scan uses them
                // (each scanner holds a reference on the SafeHandle).
                old?.Dispose();
                return;
            }

            _stop = new CancellationTokenSource();
            _seen.Clear();
            _nextDirectoryScan = 0;
            CancellationToken token = _stop.Token;
            _thread = new Thread(() => Loop(token)) { IsBackground = true, Name = "yara-continuous" };
            _thread.Start();
        }
    }

    public void Update(YaraRules rules) => Start(rules);

    public void Stop()
    {
        Thread? thread;
        lock (_gate)
        {
            thread = _thread;
            _stop?.Cancel();
            _thread = null;
        }

        thread?.Join();
        lock (_gate)
        {
            _rules?.Dispose();
            _rules = null;
            _stop?.Dispose();
            _stop = null;
        }
    }

    public void Dispose() => Stop();

    private void Loop(CancellationToken token)
    {
        var context = new CommandContext(_sink, _routing, Os.Family, token);
        var replyGate = new Lock();
        var pids = new List<int>();
        var targets = new List<YaraTarget>();
        bool first = true;
        while (!token.IsCancellationRequested)
        {
            YaraRules? rules;
            lock (_gate)
            {
                rules = _rules;
            }

            if (rules is null)
            {
                break;
            }

            bool added = false;
            try
            {
                rules.DangerousAddRef(ref added);
                targets.Clear();
                CollectNewProcesses(pids, targets, first && !_options.ScanExistingProcesses);
                int processTargets = targets.Count;
                if (Environment.TickCount64 >= _nextDirectoryScan && _options.Directories.Count > 0)
                {
                    CollectFiles(targets, token);
                    _nextDirectoryScan = Environment.TickCount64 + (long)_options.DirectoryInterval.TotalMilliseconds;
                }

                if (targets.Count > 0)
                {
                    var run = new YaraScanRun(rules, _options.Limits, context.Reply, replyGate, token);
                    run.Run(targets);
                    ProcessesScanned += processTargets;
                    FilesScanned += targets.Count - processTargets;
                    Detections += run.Counts.Detections;
                }
            }
            catch (Exception) when (!token.IsCancellationRequested)
            {
                // A failed pass must not end continuous scanning; the next pass tries again.
            }
            catch (OperationCanceledException)
            {
                break;
            }
            finally
            {
                if (added)
                {
                    rules.DangerousRelease();
                }
            }

            first = false;
            Passes++;
            token.WaitHandle.WaitOne(_options.ProcessPollInterval);
        }
    }

    private void CollectNewProcesses(List<int> pids, List<YaraTarget> targets, bool markOnly)
    {
        pids.Clear();
        if (Os.ListProcessIds(pids) != ErrorCodes.Success)
        {
            return;
        }

        // Forget pids that are gone so a reused pid is a new process.
        _seen.IntersectWith(pids);
        foreach (int pid in pids)
        {
            if (pid != Os.CurrentProcessId && _seen.Add(pid) && !markOnly)
            {
                targets.Add(YaraTarget.Process(pid));
            }
        }
    }

    private void CollectFiles(List<YaraTarget> targets, CancellationToken token)
    {
        foreach ((string root, int depth, string expression) in _options.Directories)
        {
            var walker = new DirectoryWalker(depth, Utf8Path.From(expression)) { Cancellation = token };
            var collector = new Collector(targets, _options.Limits.MaxFiles);
            _ = walker.Walk(Utf8Path.From(root), ref collector);
        }
    }

    private struct Collector(List<YaraTarget> targets, int maxFiles) : IWalkVisitor
    {
        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            if (entry.Kind != DirectoryEntryKind.File)
            {
                return true;
            }

            if (targets.Count >= maxFiles)
            {
                return false;
            }

            targets.Add(YaraTarget.File(path.ToArray()));
            return true;
        }
    }
}
