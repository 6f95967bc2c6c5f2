using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux.Processes;

/// <summary>
/// A process's real uid from <c>ioctl(pidfd, PIDFD_GET_INFO)</c> (Linux 6.13): three cheap system calls instead of
/// rendering <c>/proc/PID/status</c>, whose signal masks and CPU lists made it the largest kernel cost of a listing.
/// The owner of <c>/proc/PID</c> is no substitute: it is the effective uid, which differs from the real one in a
/// set-user-id program or a daemon that switched only its effective uid.
/// </summary>
public static unsafe class PidfdCredentials
{
    /// <summary><c>sizeof(struct pidfd_info)</c> as first published (PIDFD_INFO_SIZE_VER0); later kernels accept it.</summary>
    public const int InfoSize = 64;

    /// <summary><c>_IOWR(PIDFS_IOCTL_MAGIC 0xFF, 11, struct pidfd_info)</c> for the 64-byte layout.</summary>
    private const nuint PidfdGetInfo = 0xC040FF0B;

    private const ulong PidfdInfoCreds = 1 << 1;

    // Set once this kernel is seen to lack either call; the status file is read from then on.
    private static volatile bool s_unsupported;

    /// <summary>
    /// The real uid of <paramref name="processId"/>; false when this kernel cannot say (the caller reads
    /// <c>/proc/PID/status</c>) or the process is gone.
    /// </summary>
    public static bool TryGetRealUserId(int processId, out uint realUserId)
    {
        realUserId = 0;
        if (s_unsupported)
        {
            return false;
        }

        int fd = (int)Interop.Libc.Syscall(Interop.Libc.SysPidfdOpen, processId, 0);
        if (fd < 0)
        {
            // ENOSYS: before Linux 5.3; EPERM: a seccomp filter that does not know the call. ESRCH: gone.
            if (Marshal.GetLastPInvokeError() is Errno.ENOSYS or Errno.EPERM)
            {
                s_unsupported = true;
            }

            return false;
        }

        byte* info = stackalloc byte[InfoSize];
        new Span<byte>(info, InfoSize).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(info, 8), PidfdInfoCreds);
        int result = Interop.Libc.Ioctl(fd, PidfdGetInfo, info);
        int errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        Interop.Libc.Close(fd);
        if (result < 0)
        {
            // ENOTTY or EINVAL: a kernel before 6.13, which has pidfds but not this ioctl.
            if (errno is Errno.ENOTTY or Errno.EINVAL)
            {
                s_unsupported = true;
            }

            return false; // ESRCH: the process exited after pidfd_open
        }

        return TryParseRealUserId(new ReadOnlySpan<byte>(info, InfoSize), out realUserId);
    }

    /// <summary>
    /// Reads <c>ruid</c> from a <c>struct pidfd_info</c>: <c>u64 mask, u64 cgroupid, u32 pid, tgid, ppid, ruid, ...</c>;
    /// false when the kernel did not set <c>PIDFD_INFO_CREDS</c> in the returned mask.
    /// </summary>
    public static bool TryParseRealUserId(ReadOnlySpan<byte> info, out uint realUserId)
    {
        realUserId = 0;
        if (info.Length < 32 || (BinaryPrimitives.ReadUInt64LittleEndian(info) & PidfdInfoCreds) == 0)
        {
            return false;
        }

        realUserId = BinaryPrimitives.ReadUInt32LittleEndian(info[28..]);
        return true;
    }
}
