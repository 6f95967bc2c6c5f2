using Microsoft.Win32.SafeHandles;
using Sensor.Commands.Processes;
using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Platform.Processes;
using Sensor.Scanning;

namespace Sensor.Yara;

/// <summary>
/// Scans a list of targets with compiled rules on up to <see cref="YaraScanLimits.MaxConcurrentTargets"/> threads
/// and writes one <c>YARA_DETECTION</c> per matching rule and target into the reply. A target that vanishes, cannot
/// be read or hits a limit is counted and the run goes on. Used by yara_scan and by the continuous scanner.
/// </summary>
public sealed class YaraScanRun
{
    public const string DetectionEvent = "YARA_DETECTION";

    private readonly YaraRules _rules;
    private readonly YaraScanLimits _limits;
    private readonly EventBuilder _reply;
    private readonly Lock _replyGate;
    private readonly CancellationToken _cancellation;
    private readonly MemoryScanOptions _memoryOptions;

    /// <param name="replyGate">Serializes writes to <paramref name="reply"/> (shared with other writers).</param>
    public YaraScanRun(YaraRules rules, YaraScanLimits limits, EventBuilder reply, Lock replyGate, CancellationToken cancellation)
    {
        _rules = rules;
        _limits = limits;
        _reply = reply;
        _replyGate = replyGate;
        _cancellation = cancellation;
        _memoryOptions = new MemoryScanOptions
        {
            ChunkSize = limits.MemoryBlockSize,
            Deadline = TimeSpan.FromSeconds(limits.TimeoutSeconds),
            ByteBudget = limits.ByteBudgetPerProcess,
        };
    }

    public YaraScanCounts Counts { get; } = new();

    public void Run(IReadOnlyList<YaraTarget> targets)
    {
        // The performance mode (set_performance_mode) is read once: a scan keeps the concurrency it started with.
        bool background = ScanThrottle.IsEnabled;
        int workers = Math.Clamp(Math.Min(ScanThrottle.Workers(_limits.MaxConcurrentTargets), targets.Count), 1, 256);
        int next = -1;
        Exception? failure = null;
        var threads = new Thread[workers];
        for (int t = 0; t < workers; t++)
        {
            threads[t] = new Thread(() =>
            {
                try
                {
                    if (background)
                    {
                        Os.SetCurrentThreadBackground(true);
                    }

                    using var worker = new Worker(this);
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < targets.Count && !_cancellation.IsCancellationRequested)
                    {
                        worker.Scan(targets[i]);
                    }
                }
                catch (Exception e)
                {
                    // A worker that dies must not take the sensor with it: the run reports it as a failure.
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }, maxStackSize: 1 << 20)
            { IsBackground = true, Name = "yara-worker" };
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("a YARA worker failed: " + failure.Message, failure);
        }
    }

    /// <summary>One thread's scanner, read buffer and scratch, reused for every target it takes.</summary>
    private sealed class Worker(YaraScanRun run) : IDisposable
    {
        private readonly YaraScanner _scanner = new(run._rules, run._limits.MaxHitsPerTarget);
        private readonly MemoryBlockReader _reader = new(run._limits.MemoryBlockSize);
        private readonly ProcessEntry _entry = new();
        private readonly ProcessRecordWriter _processWriter = new();
        private readonly byte[] _atom = new byte[ProcessAtom.Length];
        private readonly byte[] _parentAtom = new byte[ProcessAtom.Length];
        private readonly byte[] _hash = new byte[32];
        private byte[]? _hashBuffer;

        public void Scan(in YaraTarget target)
        {
            if (target.IsFile)
            {
                ScanFile(target.FilePath!);
            }
            else
            {
                ScanProcess(target.ProcessId);
            }
        }

        public void Dispose()
        {
            _scanner.Dispose();
            _reader.Dispose();
        }

        private void ScanProcess(int pid)
        {
            YaraScanCounts counts = run.Counts;
            int error = Os.GetProcess(pid, _entry, withCommandLine: true);
            if (error == ErrorCodes.Success)
            {
                error = _reader.Begin(pid, run._memoryOptions, overlap: 0, run._cancellation);
            }

            if (error != ErrorCodes.Success)
            {
                // Gone before we got to it (ESRCH/ENOENT) is a skip; anything else (permissions) a failure.
                Interlocked.Increment(ref error is ErrorCodes.InvalidParameter or ErrorCodes.FileNotFound ? ref counts.Skipped : ref counts.Failed);
                return;
            }

            int result = _scanner.ScanMemory(_reader, run._limits.TimeoutSeconds);
            _reader.End();
            ScanStopReason stop = _reader.StopReason;
            bool exited = stop == ScanStopReason.ProcessError && _reader.Error is ErrorCodes.InvalidParameter or ErrorCodes.FileNotFound;
            if (exited)
            {
                // Exited mid-scan: what was read has been matched and is reported; the process counts as skipped.
                Interlocked.Increment(ref counts.Exited);
                Interlocked.Increment(ref counts.Skipped);
            }
            else if (_scanner.CallbackFailure is not null || (result != Interop.Yara.ERROR_SUCCESS && result != Interop.Yara.ERROR_SCAN_TIMEOUT)
                || stop == ScanStopReason.ProcessError)
            {
                Interlocked.Increment(ref counts.Failed);
            }
            else
            {
                Interlocked.Increment(ref counts.Scanned);
            }

            CountLimits(result, stop);
            if (_scanner.HitCount == 0)
            {
                return;
            }

            ProcessAtoms.Of(_entry, _atom);
            bool hasParent = _entry.ParentProcessId > 0 && ProcessAtoms.TryGet(_entry.ParentProcessId, _parentAtom);
            lock (run._replyGate)
            {
                EventBuilder reply = run._reply;
                foreach (YaraHit hit in _scanner.Hits)
                {
                    (ulong regionBase, ulong regionSize) = RegionOf(hit);
                    reply.Begin(DetectionEvent, _atom, hasParent ? _parentAtom : default);
                    reply.FieldUtf8(FieldNames.RuleName, YaraScanner.RuleName(hit.Rule));
                    reply.Field(FieldNames.ProcessId, pid);
                    reply.Field(FieldNames.BaseAddress, regionBase);
                    reply.Field(FieldNames.MemorySize, regionSize);
                    reply.BeginMap(FieldNames.Process);
                    _processWriter.WriteFields(reply, _entry, withModules: false);
                    reply.EndMap();
                    reply.End(ErrorCodes.Success);
                    run.Counts.Detections++;
                }
            }
        }

        // The region holding the rule's first string match (regions are sorted by address).
        private (ulong Base, ulong Size) RegionOf(in YaraHit hit)
        {
            if (!hit.HasMatchAddress)
            {
                return (0, 0);
            }

            IReadOnlyList<MemoryRegion> regions = _reader.Regions;
            int lo = 0, hi = regions.Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                MemoryRegion r = regions[mid];
                if (hit.FirstMatchAddress < r.BaseAddress)
                {
                    hi = mid - 1;
                }
                else if (hit.FirstMatchAddress >= r.EndAddress)
                {
                    lo = mid + 1;
                }
                else
                {
                    return (r.BaseAddress, r.Size);
                }
            }

            return (hit.FirstMatchAddress, 0);
        }

        private void ScanFile(byte[] path)
        {
            YaraScanCounts counts = run.Counts;
            int error = Os.OpenRead(path, out SafeFileHandle? handle, out FileStatus status);
            if (error != ErrorCodes.Success || handle is null)
            {
                Interlocked.Increment(ref error is ErrorCodes.FileNotFound or ErrorCodes.PathNotFound ? ref counts.Skipped : ref counts.Failed);
                return;
            }

            using (handle)
            {
                if (status.Kind != DirectoryEntryKind.File)
                {
                    Interlocked.Increment(ref counts.Skipped);
                    return;
                }

                if (status.Size > run._limits.MaxFileSize)
                {
                    Interlocked.Increment(ref counts.TooLarge);
                    Interlocked.Increment(ref counts.Skipped);
                    return;
                }

                int result = _scanner.ScanFile(handle, run._limits.TimeoutSeconds);
                if (_scanner.CallbackFailure is not null || (result != Interop.Yara.ERROR_SUCCESS && result != Interop.Yara.ERROR_SCAN_TIMEOUT))
                {
                    Interlocked.Increment(ref counts.Failed);
                }
                else
                {
                    Interlocked.Increment(ref counts.Scanned);
                }

                CountLimits(result, ScanStopReason.Completed);
                if (_scanner.HitCount == 0)
                {
                    return;
                }

                _hashBuffer ??= new byte[256 * 1024];
                bool hashed = FileHasher.Hash(handle, status.Size, _hash, _hashBuffer, run._cancellation) == ErrorCodes.Success;
                lock (run._replyGate)
                {
                    EventBuilder reply = run._reply;
                    foreach (YaraHit hit in _scanner.Hits)
                    {
                        reply.Begin(DetectionEvent);
                        reply.FieldUtf8(FieldNames.RuleName, YaraScanner.RuleName(hit.Rule));
                        reply.FieldUtf8(FieldNames.FilePath, path);
                        if (hashed)
                        {
                            reply.FieldHex(FieldNames.Hash, _hash);
                        }

                        reply.End(ErrorCodes.Success);
                        run.Counts.Detections++;
                    }
                }
            }
        }

        private void CountLimits(int result, ScanStopReason stop)
        {
            YaraScanCounts counts = run.Counts;
            if (result == Interop.Yara.ERROR_SCAN_TIMEOUT || stop == ScanStopReason.Deadline)
            {
                Interlocked.Increment(ref counts.Timeouts);
            }

            if (stop == ScanStopReason.ByteBudget)
            {
                Interlocked.Increment(ref counts.ByteBudgetHits);
            }

            if (_scanner.HitCapReached)
            {
                Interlocked.Increment(ref counts.HitCapHits);
            }

            if (_scanner.TooManyMatches)
            {
                Interlocked.Increment(ref counts.TooManyMatches);
            }
        }
    }
}
