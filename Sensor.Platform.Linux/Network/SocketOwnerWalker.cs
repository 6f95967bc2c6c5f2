using System.Buffers;
using System.Runtime.InteropServices;
using Sensor.Platform.Linux.Procfs;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux.Network;

/// <summary>
/// Attributes sockets to processes in one pass over <c>/proc/*/fd</c>: every descriptor link is read once with
/// readlinkat relative to its directory, and a <c>socket:[INODE]</c> target is matched against the sockets the
/// sock_diag dump found. The walk runs beside the dump: helper threads (<see cref="ParallelWork"/>) walk while the
/// calling thread dumps, which then walks too; what the walkers found is matched with the dump at the end.
/// </summary>
/// <remarks>
/// readlink of every descriptor is the cost (BASELINES.md: 44 ms for 12.7k fds) and one process may hold most of
/// them, so work is handed out in getdents batches, not whole processes: a worker that reads a full batch of a
/// directory leaves where it stopped (its file offset) for the next idle worker and goes on with the links of its
/// batch. Each directory entry is thus read once, and a process with 10,000 sockets is shared by every worker.
/// A socket shared by several processes (inherited across fork) is attributed to the lowest pid, normally the
/// parent. Processes and descriptors that vanish mid-walk (ENOENT, ESRCH) are skipped without counting as errors.
/// </remarks>
internal sealed unsafe class SocketOwnerWalker
{
    private const int DirentBufferSize = 32 * 1024;

    // linux_dirent64 of an fd: 19 bytes of header, up to 10 digits and a NUL, padded to 8.
    private const int MaxFdRecord = 32;

    // Socket links remembered per worker before the dump's sockets are known (then only the dump's are kept):
    // 16 bytes each. Past it a process's remaining sockets are not attributed and it counts as unreadable.
    private const int MaxFoundPerWorker = 1 << 20;

    private readonly List<int> _pids;
    private readonly List<Found>[] _found;
    private readonly Stack<(int Pid, long Offset)> _continuations = new();
    private readonly int _procFd;
    private volatile Dictionary<ulong, int>? _byInode;
    private volatile bool _stop;
    private int _nextPid = -1;
    private int _unreadable;

    private SocketOwnerWalker(List<int> pids, int procFd, int workers)
    {
        _pids = pids;
        _procFd = procFd;
        _found = new List<Found>[workers];
        for (int i = 0; i < workers; i++)
        {
            _found[i] = [];
        }
    }

    /// <summary>
    /// Dumps the sockets with <paramref name="dump"/> into <paramref name="sockets"/> on this thread while helpers
    /// walk the descriptors, joins the walk, and sets each socket's <see cref="SocketEntry.ProcessId"/>. Returns the
    /// dump's errno (0: success) and, in <paramref name="unreadable"/>, how many processes' descriptors could not
    /// be read.
    /// </summary>
    public static int DumpAndAttribute(List<SocketEntry> sockets, Func<List<SocketEntry>, int> dump, out int unreadable)
    {
        // The performance mode (set_performance_mode) walks on one thread, in the background scheduling class.
        bool background = ScanThrottle.IsEnabled;
        int workers = ScanThrottle.Workers(Math.Clamp(Environment.ProcessorCount, 1, 1 + ParallelWork.MaxHelpers));
        ParallelWork.Prepare(workers);

        // The pids are read first so the walk is not a long-held directory stream.
        var pids = new List<int>(1024);
        _ = ProcDirectory.ListProcessIds(pids);
        int procFd;
        fixed (byte* proc = "/proc\0"u8)
        {
            procFd = Interop.Libc.Open(proc, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC, 0);
        }

        var walker = new SocketOwnerWalker(pids, procFd, workers);
        int errno = 0;
        try
        {
            ParallelWork.Run(workers, part =>
            {
                if (ParallelWork.IsHelperThread)
                {
                    // A helper thread serves every parallel job: it takes this job's scheduling class each time.
                    LinuxHost.SetCurrentThreadBackground(background);
                }

                if (part == 0)
                {
                    errno = dump(sockets);
                    walker.Publish(errno == 0 ? sockets : null);
                }

                walker.Run(part);
            });
        }
        finally
        {
            if (procFd >= 0)
            {
                Interop.Libc.Close(procFd);
            }
        }

        unreadable = errno != 0 ? 0 : walker.Attribute(sockets);
        return errno;
    }

    /// <summary>Hands the walkers the dump's sockets (null: the dump failed and the walk stops).</summary>
    private void Publish(List<SocketEntry>? sockets)
    {
        Span<SocketEntry> entries = CollectionsMarshal.AsSpan(sockets);
        var byInode = new Dictionary<ulong, int>(entries.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Handle != 0)
            {
                byInode.TryAdd(entries[i].Handle, i);
            }
        }

        // From here on the walkers keep only the links of these sockets; the table is not changed after this.
        _byInode = byInode;
        if (byInode.Count == 0)
        {
            _stop = true; // nothing to attribute
        }
    }

    /// <summary>Sets each socket's owner from what the walkers found: the lowest pid holding it.</summary>
    private int Attribute(List<SocketEntry> sockets)
    {
        if (_procFd < 0)
        {
            return _pids.Count;
        }

        Span<SocketEntry> entries = CollectionsMarshal.AsSpan(sockets);
        Dictionary<ulong, int> byInode = _byInode!;
        foreach (List<Found> found in _found)
        {
            foreach (Found f in CollectionsMarshal.AsSpan(found))
            {
                if (byInode.TryGetValue(f.Inode, out int index) && (entries[index].ProcessId < 0 || f.Pid < entries[index].ProcessId))
                {
                    entries[index].ProcessId = f.Pid;
                }
            }
        }

        return _unreadable;
    }

    private void Run(int worker)
    {
        if (_procFd < 0)
        {
            return;
        }

        byte[] direntBuffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
        try
        {
            List<Found> found = _found[worker];
            while (!_stop)
            {
                int pid;
                long offset = 0;
                bool continuation;
                lock (_continuations)
                {
                    continuation = _continuations.TryPop(out (int Pid, long Offset) next);
                    (pid, offset) = next;
                }

                if (!continuation)
                {
                    int index = Interlocked.Increment(ref _nextPid);
                    if (index >= _pids.Count)
                    {
                        return;
                    }

                    pid = _pids[index];
                }

                WalkBatch(pid, offset, direntBuffer, found);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(direntBuffer);
        }
    }

    /// <summary>One getdents batch of /proc/PID/fd from <paramref name="offset"/>: its links are read here, the rest is left to the next worker.</summary>
    private void WalkBatch(int pid, long offset, byte[] direntBuffer, List<Found> found)
    {
        byte* path = stackalloc byte[32];
        byte* link = stackalloc byte[64];
        int length = FormatFdPath(pid, new Span<byte>(path, 32));
        path[length] = 0;
        int fdDir = Interop.Libc.OpenAt(_procFd, path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        if (fdDir < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // The process could be gone: that is not an error, it simply holds nothing now.
            if (offset == 0 && errno != Errno.ENOENT && errno != Errno.ESRCH)
            {
                Interlocked.Increment(ref _unreadable);
            }

            return;
        }

        try
        {
            if (offset != 0 && Interop.Libc.Lseek(fdDir, offset, Interop.Libc.SEEK_SET) < 0)
            {
                return;
            }

            nint read;
            fixed (byte* dirents = direntBuffer)
            {
                read = Interop.Libc.Getdents64(fdDir, dirents, (nuint)direntBuffer.Length);
            }

            // read < 0: the process exited while its table was read. procfs fills the buffer until the next record
            // would not fit, so a read that left room for a largest fd record reached the end; otherwise the rest,
            // from this directory's offset, is the next worker's.
            if (read > direntBuffer.Length - MaxFdRecord
                && Interop.Libc.Lseek(fdDir, 0, Interop.Libc.SEEK_CUR) is > 0 and long next)
            {
                lock (_continuations)
                {
                    _continuations.Push((pid, next));
                }
            }

            if (read <= 0)
            {
                return;
            }

            Dictionary<ulong, int>? byInode = _byInode;
            var reader = new DirentReader(direntBuffer.AsSpan(0, (int)read));
            while (reader.Next(out ReadOnlySpan<byte> name))
            {
                if (!DirentReader.IsNumber(name[..^1], out _))
                {
                    continue; // "." and ".."
                }

                nint linkLength;
                fixed (byte* namePointer = name)
                {
                    linkLength = Interop.Libc.ReadLinkAt(fdDir, namePointer, link, 64);
                }

                if (linkLength <= 0)
                {
                    continue; // closed since the directory was read
                }

                ulong inode = SocketLinkParser.ParseInode(new ReadOnlySpan<byte>(link, (int)linkLength));
                if (inode == 0)
                {
                    continue;
                }

                // Before the dump is in, every socket is kept (unix ones too); after, only the dump's.
                byInode ??= _byInode;
                if (byInode is not null && !byInode.ContainsKey(inode))
                {
                    continue;
                }

                if (found.Count >= MaxFoundPerWorker)
                {
                    Interlocked.Increment(ref _unreadable);
                    return;
                }

                found.Add(new Found(inode, pid));
            }
        }
        finally
        {
            Interop.Libc.Close(fdDir);
        }
    }

    private static int FormatFdPath(int pid, Span<byte> path)
    {
        pid.TryFormat(path, out int written);
        "/fd"u8.CopyTo(path[written..]);
        return written + 3;
    }

    private readonly record struct Found(ulong Inode, int Pid);
}
