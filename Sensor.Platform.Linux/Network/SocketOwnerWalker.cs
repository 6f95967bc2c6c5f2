using System.Buffers;
using System.Runtime.InteropServices;
using Sensor.Platform.Network;

namespace Sensor.Platform.Linux.Network;

/// <summary>
/// Attributes sockets to processes in one pass over <c>/proc/*/fd</c>: every descriptor link is read once with
/// readlinkat relative to its directory, and a <c>socket:[INODE]</c> target is looked up among the sockets the dump
/// found. The walk stops as soon as every socket with an inode has an owner.
/// </summary>
/// <remarks>
/// A socket shared by several processes (inherited across fork) is attributed to the first one found, the lowest
/// pid in /proc order, normally the parent. Processes and descriptors that vanish mid-walk (ENOENT, ESRCH) are
/// skipped without counting as errors.
/// </remarks>
internal static unsafe class SocketOwnerWalker
{
    private const int DirentBufferSize = 32 * 1024;

    /// <summary>Sets <see cref="SocketEntry.ProcessId"/>; returns the number of processes whose fds were unreadable.</summary>
    public static int Attribute(List<SocketEntry> sockets)
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

        int remaining = byInode.Count;
        if (remaining == 0)
        {
            return 0;
        }

        List<int> pids = ListProcesses();
        byte[] direntBuffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
        int unreadable = 0;
        int procFd = OpenProc();
        if (procFd < 0)
        {
            ArrayPool<byte>.Shared.Return(direntBuffer);
            return pids.Count;
        }

        try
        {
            byte* path = stackalloc byte[32];
            byte* link = stackalloc byte[64];
            fixed (byte* dirents = direntBuffer)
            {
                foreach (int pid in pids)
                {
                    int length = FormatFdPath(pid, new Span<byte>(path, 32));
                    path[length] = 0;
                    int fdDir = Interop.Libc.OpenAt(procFd, path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
                    if (fdDir < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        // The process could be gone: that is not an error, it simply holds nothing now.
                        if (errno != Errno.ENOENT && errno != Errno.ESRCH)
                        {
                            unreadable++;
                        }

                        continue;
                    }

                    try
                    {
                        while (true)
                        {
                            nint read = Interop.Libc.GetDents64(fdDir, dirents, direntBuffer.Length);
                            if (read <= 0)
                            {
                                break; // 0: end; <0: the process exited while we read its table
                            }

                            var reader = new DirentReader(new ReadOnlySpan<byte>(dirents, (int)read));
                            while (reader.Next(out ReadOnlySpan<byte> name))
                            {
                                if (name[0] == (byte)'.')
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
                                if (inode != 0 && byInode.TryGetValue(inode, out int index) && entries[index].ProcessId < 0)
                                {
                                    entries[index].ProcessId = pid;
                                    if (--remaining == 0)
                                    {
                                        return unreadable;
                                    }
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

            return unreadable;
        }
        finally
        {
            Interop.Libc.Close(procFd);
            ArrayPool<byte>.Shared.Return(direntBuffer);
        }
    }

    private static int OpenProc()
    {
        fixed (byte* proc = "/proc\0"u8)
        {
            return Interop.Libc.Open(proc, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        }
    }

    /// <summary>The pids in /proc, read first so the walk is not a long-held directory stream.</summary>
    private static List<int> ListProcesses()
    {
        var pids = new List<int>(1024);
        int procFd = OpenProc();
        if (procFd < 0)
        {
            return pids;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
        try
        {
            fixed (byte* dirents = buffer)
            {
                nint read;
                while ((read = Interop.Libc.GetDents64(procFd, dirents, buffer.Length)) > 0)
                {
                    var reader = new DirentReader(new ReadOnlySpan<byte>(dirents, (int)read));
                    while (reader.Next(out ReadOnlySpan<byte> name))
                    {
                        if (DirentReader.IsNumber(name[..^1], out int pid))
                        {
                            pids.Add(pid);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interop.Libc.Close(procFd);
        }

        return pids;
    }

    private static int FormatFdPath(int pid, Span<byte> path)
    {
        pid.TryFormat(path, out int written);
        "/fd"u8.CopyTo(path[written..]);
        return written + 3;
    }
}
