using System.Buffers;
using System.Runtime.InteropServices;
using Sensor.Platform.Linux.Procfs;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux.Network;

/// <summary>
/// Attributes sockets to processes in one pass over <c>/proc/*/fd</c>: every descriptor link is read once with
/// readlinkat relative to its directory, and a <c>socket:[INODE]</c> target is looked up among the sockets the dump
/// found. The walk stops as soon as every socket with an inode has an owner.
/// </summary>
/// <remarks>
/// A socket shared by several processes (inherited across fork) is attributed to the first one found, the lowest
/// pid in /proc order (normally the parent) unless two walker threads find it at once. Processes and descriptors that vanish mid-walk (ENOENT, ESRCH) are
/// skipped without counting as errors.
/// </remarks>
internal static unsafe class SocketOwnerWalker
{
    private const int DirentBufferSize = 32 * 1024;

    // linux_dirent64 of an fd: 19 bytes of header, up to 10 digits and a NUL, padded to 8.
    private const int MaxFdRecord = 32;

    /// <summary>Sets <see cref="SocketEntry.ProcessId"/>; returns the number of processes whose fds were unreadable.</summary>
    public static int Attribute(List<SocketEntry> sockets)
    {
        SocketEntry[] entries = sockets.ToArray();
        var byInode = new Dictionary<ulong, int>(entries.Length);
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Handle != 0)
            {
                byInode.TryAdd(entries[i].Handle, i);
            }
        }

        if (byInode.Count == 0)
        {
            return 0;
        }

        // The pids are read first so the walk is not a long-held directory stream.
        var pids = new List<int>(1024);
        _ = ProcDirectory.ListProcessIds(pids);
        var walk = new Walk(entries, byInode, pids);
        // readlink of every descriptor is the cost (BASELINES.md: 44 ms for 12.7k fds), and one process may hold
        // most of them, so the threads split the descriptors, not the processes: each walks every fd directory and
        // reads the links of the descriptors whose number falls to it (fd % workers). getdents is read twice; the
        // links, the expensive part, once.
        // The performance mode (set_performance_mode) walks on one thread, in the background scheduling class.
        bool background = ScanThrottle.IsEnabled;
        int workers = ScanThrottle.Workers(Math.Clamp(Environment.ProcessorCount, 1, 4));
        Thread[] threads = new Thread[workers - 1];
        for (int i = 0; i < threads.Length; i++)
        {
            int worker = i + 1;
            threads[i] = new Thread(() =>
            {
                if (background)
                {
                    LinuxHost.SetCurrentThreadBackground(true);
                }

                walk.Run(worker, workers);
            }, 256 * 1024)
            { IsBackground = true, Name = "netstat-walker" };
            threads[i].Start();
        }

        walk.Run(0, workers);
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Span<SocketEntry> target = CollectionsMarshal.AsSpan(sockets);
        for (int i = 0; i < entries.Length; i++)
        {
            target[i].ProcessId = entries[i].ProcessId;
        }

        return walk.Unreadable;
    }

    private sealed class Walk(SocketEntry[] entries, Dictionary<ulong, int> byInode, List<int> pids)
    {
        private int _remaining = byInode.Count;
        private int _unreadable;

        public int Unreadable => _unreadable;

        public void Run(int worker, int workers)
        {
            int procFd = OpenProc();
            if (procFd < 0)
            {
                if (worker == 0)
                {
                    _unreadable = pids.Count;
                }

                return;
            }

            byte[] direntBuffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
            try
            {
                RunCore(procFd, direntBuffer, worker, workers);
            }
            finally
            {
                Interop.Libc.Close(procFd);
                ArrayPool<byte>.Shared.Return(direntBuffer);
            }
        }

        private void RunCore(int procFd, byte[] direntBuffer, int worker, int workers)
        {
            byte* path = stackalloc byte[32];
            byte* link = stackalloc byte[64];
            fixed (byte* dirents = direntBuffer)
            {
                foreach (int pid in pids)
                {
                    if (Volatile.Read(ref _remaining) <= 0)
                    {
                        return;
                    }

                    int length = FormatFdPath(pid, new Span<byte>(path, 32));
                    path[length] = 0;
                    int fdDir = Interop.Libc.OpenAt(procFd, path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
                    if (fdDir < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        // The process could be gone: that is not an error, it simply holds nothing now.
                        if (worker == 0 && errno != Errno.ENOENT && errno != Errno.ESRCH)
                        {
                            Interlocked.Increment(ref _unreadable);
                        }

                        continue;
                    }

                    try
                    {
                        nint read = direntBuffer.Length;
                        // procfs fills the buffer until the next record would not fit, so a read that left room for
                        // a largest fd record (32 bytes) reached the end: skip the call that would return 0.
                        while (read > direntBuffer.Length - MaxFdRecord
                            && (read = Interop.Libc.Getdents64(fdDir, dirents, (nuint)direntBuffer.Length)) > 0)
                        {
                            // read < 0: the process exited while its table was read; what was read stands.
                            var reader = new DirentReader(new ReadOnlySpan<byte>(dirents, (int)read));
                            while (reader.Next(out ReadOnlySpan<byte> name))
                            {
                                if (!DirentReader.IsNumber(name[..^1], out int fd) || fd % workers != worker)
                                {
                                    continue;
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
                                if (inode != 0 && byInode.TryGetValue(inode, out int index)
                                    && Interlocked.CompareExchange(ref entries[index].ProcessId, pid, -1) == -1
                                    && Interlocked.Decrement(ref _remaining) == 0)
                                {
                                    return;
                                }
                            }
                        }
                    }
                    finally
                    {
                        Interop.Libc.Close(fdDir);
                    }
                }
            }
        }
    }

    private static int OpenProc()
    {
        fixed (byte* proc = "/proc\0"u8)
        {
            return Interop.Libc.Open(proc, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC, 0);
        }
    }

    private static int FormatFdPath(int pid, Span<byte> path)
    {
        pid.TryFormat(path, out int written);
        "/fd"u8.CopyTo(path[written..]);
        return written + 3;
    }
}
