using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>
/// Reads small <c>/proc</c> files whole into a caller-owned, growing buffer, with paths formatted on the stack (no
/// string per file). Returns errno (0 = success).
/// </summary>
internal static class ProcFileReader
{
    private const int ORdonly = 0, OCloexec = 0x80000;

    /// <summary>The largest /proc file read whole (maps of a process with many mappings): 64 MiB.</summary>
    private const int MaxBytes = 64 << 20;

    public static unsafe int Open(int processId, ReadOnlySpan<byte> leaf, out int fd)
    {
        Span<byte> path = stackalloc byte[64];
        "/proc/"u8.CopyTo(path);
        int n = 6;
        if (processId >= 0)
        {
            Utf8Formatter.TryFormat(processId, path[n..], out int w);
            n += w;
            path[n++] = (byte)'/';
        }

        if (n + leaf.Length + 1 > path.Length)
        {
            fd = -1;
            return Errno.ENAMETOOLONG;
        }

        leaf.CopyTo(path[n..]);
        n += leaf.Length;
        path[n] = 0;
        fixed (byte* p = path)
        {
            fd = Interop.Libc.Open(p, ORdonly | OCloexec, 0);
        }

        return fd < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>Reads <c>/proc/PID/leaf</c> (or <c>/proc/leaf</c> when pid is -1) into <paramref name="buffer"/>.</summary>
    /// <param name="endsAtShortRead">
    /// The kernel renders the file whole for its first read (one-record files such as stat and status, and
    /// cmdline, which is copied until its end or the buffer's): a read that leaves room in the buffer has returned
    /// the rest, so the read that would return 0 is skipped. Not so for multi-record files such as maps, whose reads
    /// stop at about a page of records.
    /// </param>
    public static unsafe int Read(int processId, ReadOnlySpan<byte> leaf, ref byte[] buffer, out int length, bool endsAtShortRead = false)
    {
        length = 0;
        int error = Open(processId, leaf, out int fd);
        if (error != 0)
        {
            return error;
        }

        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxBytes)
                    {
                        return Errno.EFBIG;
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxBytes));
                }

                nint got;
                fixed (byte* p = &buffer[length])
                {
                    got = Interop.Libc.Read(fd, p, (nuint)(buffer.Length - length));
                }

                if (got < 0)
                {
                    int e = Marshal.GetLastPInvokeError();
                    if (e == Errno.EINTR)
                    {
                        continue;
                    }

                    return e;
                }

                if (got == 0)
                {
                    return 0;
                }

                length += (int)got;
                if (endsAtShortRead && length < buffer.Length)
                {
                    return 0;
                }
            }
        }
        finally
        {
            Interop.Libc.Close(fd);
        }
    }
}
