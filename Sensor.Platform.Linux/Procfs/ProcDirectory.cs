using System.Buffers;
using System.Runtime.InteropServices;
using Sensor.Platform.Linux.Network;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>The pids in <c>/proc</c>, from getdents64 directly (no string per entry).</summary>
internal static unsafe class ProcDirectory
{
    private const int DirentBufferSize = 32 * 1024;

    /// <summary>Replaces <paramref name="processIds"/> with the pids in /proc, ascending. Returns 0 or an errno.</summary>
    public static int ListProcessIds(List<int> processIds)
    {
        processIds.Clear();
        int procFd;
        fixed (byte* proc = "/proc\0"u8)
        {
            procFd = Interop.Libc.Open(proc, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC, 0);
        }

        if (procFd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(DirentBufferSize);
        try
        {
            fixed (byte* dirents = buffer)
            {
                nint read;
                while ((read = Interop.Libc.Getdents64(procFd, dirents, (nuint)buffer.Length)) > 0)
                {
                    var reader = new DirentReader(new ReadOnlySpan<byte>(dirents, (int)read));
                    while (reader.Next(out ReadOnlySpan<byte> name))
                    {
                        if (DirentReader.IsNumber(name[..^1], out int pid))
                        {
                            processIds.Add(pid);
                        }
                    }
                }

                if (read < 0)
                {
                    return Marshal.GetLastPInvokeError();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interop.Libc.Close(procFd);
        }

        // procfs lists pids in ascending order already; the sort costs nothing then and keeps the promise if not.
        processIds.Sort();
        return 0;
    }
}
