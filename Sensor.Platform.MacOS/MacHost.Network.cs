using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sensor.Platform.MacOS.Network;
using Sensor.Platform.Network;

namespace Sensor.Platform.MacOS;

public sealed partial class MacHost : INetworkHost
{
    private const int ProcPidListFds = 1;
    private const int ProcPidFdSocketInfo = 3;
    private const int ProxFdTypeSocket = 2;

    public static unsafe SocketListResult ListSockets(List<SocketEntry> sockets)
    {
        int[] pids = ListPids();
        int unreadable = 0;
        byte[] fds = new byte[8 * 1024];
        byte* info = stackalloc byte[SocketFdInfoReader.Size];
        foreach (int pid in pids)
        {
            int filled;
            // Grow until the descriptor list fits (a process may open more meanwhile: a few tries).
            for (int attempt = 0; ; attempt++)
            {
                fixed (byte* buffer = fds)
                {
                    filled = Interop.Libproc.ProcPidInfo(pid, ProcPidListFds, 0, buffer, fds.Length);
                }

                if (filled < fds.Length - 8 || attempt == 4)
                {
                    break;
                }

                fds = new byte[fds.Length * 2];
            }

            if (filled <= 0)
            {
                // The process could be gone (ESRCH); anything else is a process we may not read.
                if (Marshal.GetLastPInvokeError() is not (3 or 0))
                {
                    unreadable++;
                }

                continue;
            }

            for (int offset = 0; offset + 8 <= filled; offset += 8)
            {
                int fd = BinaryPrimitives.ReadInt32LittleEndian(fds.AsSpan(offset));
                uint type = BinaryPrimitives.ReadUInt32LittleEndian(fds.AsSpan(offset + 4));
                if (type != ProxFdTypeSocket)
                {
                    continue;
                }

                int got = Interop.Libproc.ProcPidFdInfo(pid, fd, ProcPidFdSocketInfo, info, SocketFdInfoReader.Size);
                if (got > 0 && SocketFdInfoReader.TryRead(new ReadOnlySpan<byte>(info, got), pid, out SocketEntry entry))
                {
                    sockets.Add(entry);
                }
            }
        }

        return new SocketListResult(0, null, unreadable);
    }

    private static unsafe int[] ListPids()
    {
        int[] pids = new int[4096];
        while (true)
        {
            int bytes;
            fixed (int* buffer = pids)
            {
                bytes = Interop.Libproc.ProcListPids(Interop.Libproc.ProcAllPids, 0, buffer, pids.Length * sizeof(int));
            }

            if (bytes < (pids.Length - 16) * sizeof(int) || pids.Length >= 1 << 20)
            {
                return pids.AsSpan(0, Math.Max(bytes, 0) / sizeof(int)).ToArray().Where(p => p > 0).ToArray();
            }

            pids = new int[pids.Length * 2];
        }
    }
}
