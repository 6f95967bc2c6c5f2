using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Sensor.Platform.Linux.Processes;
using Sensor.Platform.Linux.Procfs;
using Sensor.Platform.Processes;

namespace Sensor.Platform.Linux;

/// <summary>Processes from <c>/proc</c>; memory through <c>process_vm_readv</c>, falling back to <c>/proc/PID/mem</c>.</summary>
public sealed partial class LinuxHost : IProcessHost
{
    private static readonly int s_currentProcessId = Interop.Libc.Getpid();
    private static byte[]? s_bootId;

    // One scratch buffer per thread for /proc files: listings run on one thread each, scans on up to a few.
    [ThreadStatic]
    private static byte[]? t_procBuffer;

    [ThreadStatic]
    private static byte[]? t_lineBuffer;

    private const uint PfKthread = 0x00200000;
    private const int MaxLinkTarget = 4096;
    private const int ExePathBytes = 32;

    public static int CurrentProcessId => s_currentProcessId;

    public static ReadOnlySpan<byte> BootId => s_bootId ??= ReadBootId();

    public static int ListProcessIds(List<int> processIds)
    {
        int errno = ProcDirectory.ListProcessIds(processIds);
        return errno == 0 ? ErrorCodes.Success : Errno.ToErrorCode(errno);
    }

    public static int GetProcess(int processId, ProcessEntry entry, bool withCommandLine)
    {
        entry.Clear();
        return GetProcess(processId, entry, withCommandLine, Utf8StringCache.ForCurrentThread);
    }

    /// <remarks>
    /// The cost is the kernel's, so this does as few system calls as it can (BASELINES: stat + cmdline alone are
    /// 9.5 ms for 576 processes): stat, cmdline and status are read with one read each, the executable's path with
    /// one readlink, and the real uid comes from a pidfd when the kernel can give it that way.
    /// </remarks>
    private static int GetProcess(int processId, ProcessEntry entry, bool withCommandLine, Utf8StringCache strings)
    {
        byte[] buffer = t_procBuffer ??= new byte[16 << 10];
        int error = ProcFileReader.Read(processId, "stat"u8, ref buffer, out int length, endsAtShortRead: true);
        t_procBuffer = buffer;
        if (error != 0)
        {
            return ToProcessError(error);
        }

        if (!ProcStatParser.TryParse(buffer.AsSpan(0, length), out ProcStat stat, out ReadOnlySpan<byte> name))
        {
            return ErrorCodes.BadExeFormat;
        }

        entry.ProcessId = stat.ProcessId;
        entry.ParentProcessId = stat.ParentProcessId;
        entry.State = stat.State;
        entry.Threads = stat.Threads;
        entry.StartTime = stat.StartTime;
        entry.MemoryUsage = stat.ResidentPages * Environment.SystemPageSize;
        entry.BaseAddress = stat.StartCode;
        entry.Name = strings.Get(name);

        if (PidfdCredentials.TryGetRealUserId(processId, out uint realUserId))
        {
            entry.UserId = realUserId;
        }
        else if (ProcFileReader.Read(processId, "status"u8, ref buffer, out length, endsAtShortRead: true) == 0)
        {
            t_procBuffer = buffer;
            entry.UserId = ProcStatusParser.Parse(buffer.AsSpan(0, length)).RealUserId;
        }

        entry.UserName = entry.UserId >= 0 ? UserNames.Lookup(entry.UserId) : "";

        // A kernel thread has no executable and no command line: the kernel answers ENOENT and nothing for them.
        if ((stat.Flags & PfKthread) != 0)
        {
            return ErrorCodes.Success;
        }

        entry.FilePath = ReadExecutablePath(processId, strings);
        if (withCommandLine)
        {
            error = ProcFileReader.Read(processId, "cmdline"u8, ref buffer, out length, endsAtShortRead: true);
            t_procBuffer = buffer;
            if (error == 0 && length > 0)
            {
                byte[] line = t_lineBuffer is { } l && l.Length >= length ? l : (t_lineBuffer = new byte[Math.Max(length, 4096)]);
                int n = ProcCmdlineParser.Format(buffer.AsSpan(0, length), line);
                entry.CommandLine = strings.Get(line.AsSpan(0, n));
            }
        }

        return ErrorCodes.Success;
    }

    public static unsafe int GetExecutableIdentity(int processId, out ExecutableIdentity identity)
    {
        identity = default;
        byte* path = stackalloc byte[ExePathBytes];
        FormatExePath(processId, new Span<byte>(path, ExePathBytes));
        byte* statx = stackalloc byte[StatxParser.Size];
        // Following the /proc/PID/exe link reaches the executable itself, deleted or not.
        if (Interop.Libc.Statx(AtFdcwd, path, 0, StatxParser.IdentityMask, statx) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == Errno.ENOENT ? ErrorCodes.InvalidParameter : ToProcessError(errno);
        }

        identity = StatxParser.ParseIdentity(new ReadOnlySpan<byte>(statx, StatxParser.Size));
        return ErrorCodes.Success;
    }

    public static int OpenExecutable(int processId, out SafeFileHandle? handle)
    {
        handle = null;
        try
        {
            handle = File.OpenHandle($"/proc/{processId}/exe", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            return ErrorCodes.Success;
        }
        catch (FileNotFoundException)
        {
            return ErrorCodes.FileNotFound;
        }
        catch (DirectoryNotFoundException)
        {
            return ErrorCodes.InvalidParameter;
        }
        catch (UnauthorizedAccessException)
        {
            return ErrorCodes.AccessDenied;
        }
        catch (IOException)
        {
            return ErrorCodes.ReadFault;
        }
    }

    public static int ListRegions(int processId, List<MemoryRegion> regions)
    {
        regions.Clear();
        byte[] buffer = t_procBuffer ??= new byte[16 << 10];
        int error = ProcFileReader.Read(processId, "maps"u8, ref buffer, out int length);
        t_procBuffer = buffer;
        if (error != 0)
        {
            return ToProcessError(error);
        }

        ReadOnlySpan<byte> text = buffer.AsSpan(0, length);
        scoped ReadOnlySpan<byte> previousPath = default;
        string previousPathText = "";
        while (ProcMapsParser.NextLine(ref text, out ReadOnlySpan<byte> line))
        {
            if (!ProcMapsParser.TryParseLine(line, out MapsEntry e))
            {
                continue;
            }

            // Consecutive lines of one file share its path: decode it once.
            string path = "";
            if (!e.Path.IsEmpty)
            {
                if (!e.Path.SequenceEqual(previousPath))
                {
                    previousPath = e.Path;
                    previousPathText = Encoding.UTF8.GetString(e.Path);
                }

                path = previousPathText;
            }

            regions.Add(ToRegion(e, path));
        }

        return ErrorCodes.Success;
    }

    public static int OpenMemory(int processId, out ProcessMemoryHandle handle)
    {
        handle = new ProcessMemoryHandle { ProcessId = processId, Native = -1 };
        // Nothing to open for process_vm_readv; check the process exists so a bad pid fails here, not per chunk.
        if (Interop.Libc.Kill(processId, 0) != 0)
        {
            int e = Marshal.GetLastPInvokeError();
            if (e != Errno.EPERM)
            {
                return ToProcessError(e);
            }
        }

        return ErrorCodes.Success;
    }

    public static unsafe int ReadMemory(ref ProcessMemoryHandle handle, ulong address, Span<byte> destination, out int bytesRead)
    {
        bytesRead = 0;
        if (destination.IsEmpty)
        {
            return ErrorCodes.Success;
        }

        fixed (byte* p = destination)
        {
            if (!handle.UseFallback)
            {
                Interop.Libc.IoVec local = new() { Base = (nint)p, Length = (nuint)destination.Length };
                Interop.Libc.IoVec remote = new() { Base = (nint)address, Length = (nuint)destination.Length };
                nint got = Interop.Libc.ProcessVmReadv(handle.ProcessId, &local, 1, &remote, 1, 0);
                if (got >= 0)
                {
                    bytesRead = (int)got;
                    return got == 0 ? ErrorCodes.InvalidAddress : ErrorCodes.Success;
                }

                int e = Marshal.GetLastPInvokeError();
                switch (e)
                {
                    case Errno.EFAULT: return ErrorCodes.InvalidAddress;
                    case Errno.ESRCH: return ErrorCodes.InvalidParameter;
                    case Errno.ENOMEM: return ErrorCodes.InvalidAddress; // the remote range is not mapped
                    case Errno.EPERM or Errno.ENOSYS:
                        // Seccomp, an old kernel, or a Yama policy that allows /proc/PID/mem but not this call.
                        handle.UseFallback = true;
                        break;
                    default: return Errno.ToErrorCode(e);
                }
            }

            if (handle.Native < 0)
            {
                int error = ProcFileReader.Open(handle.ProcessId, "mem"u8, out int fd);
                if (error != 0)
                {
                    return ToProcessError(error);
                }

                handle.Native = fd;
            }

            while (bytesRead < destination.Length)
            {
                nint got = Interop.Libc.Pread((int)handle.Native, p + bytesRead, (nuint)(destination.Length - bytesRead), (long)(address + (ulong)bytesRead));
                if (got > 0)
                {
                    bytesRead += (int)got;
                    continue;
                }

                if (got == 0)
                {
                    break; // the process is gone: its mm is released and reads return 0
                }

                int e = Marshal.GetLastPInvokeError();
                if (e == Errno.EINTR)
                {
                    continue;
                }

                if (bytesRead > 0)
                {
                    break;
                }

                return e == Errno.EIO || e == Errno.EFAULT ? ErrorCodes.InvalidAddress : ToProcessError(e);
            }

            return bytesRead > 0 ? ErrorCodes.Success : ErrorCodes.InvalidParameter;
        }
    }

    public static void CloseMemory(ref ProcessMemoryHandle handle)
    {
        if (handle.Native >= 0)
        {
            Interop.Libc.Close((int)handle.Native);
            handle.Native = -1;
        }
    }

    public static int ControlProcess(int processId, int threadId, ProcessControl action)
    {
        int signal = action switch
        {
            ProcessControl.Kill => Interop.Libc.SIGKILL,
            ProcessControl.Suspend => Interop.Libc.SIGSTOP,
            ProcessControl.Resume => Interop.Libc.SIGCONT,
            _ => 0,
        };
        if (signal == 0 || processId <= 0 || threadId < 0)
        {
            return ErrorCodes.InvalidParameter;
        }

        // SIGSTOP and SIGCONT always act on the whole thread group on Linux, even sent to one thread with tgkill;
        // the -t form still checks that the thread belongs to the process (docs/commands.md).
        int result = threadId == 0
            ? Interop.Libc.Kill(processId, signal)
            : Interop.Libc.Tgkill(processId, threadId, signal);
        return result == 0 ? ErrorCodes.Success : ToProcessError(Marshal.GetLastPInvokeError());
    }

    private static MemoryRegion ToRegion(in MapsEntry e, string path)
    {
        MemoryProtection protection = (e.Read ? MemoryProtection.Read : 0) | (e.Write ? MemoryProtection.Write : 0)
            | (e.Execute ? MemoryProtection.Execute : 0) | (!e.Shared && e.Inode != 0 && e.Write ? MemoryProtection.CopyOnWrite : 0);
        MemoryRegionKind kind;
        if (e.Inode != 0)
        {
            // A file mapped with execute rights anywhere is an image; its other segments share the same file.
            kind = e.Execute || (e.Offset == 0 && !e.Write) ? MemoryRegionKind.Image : MemoryRegionKind.Mapped;
        }
        else
        {
            kind = e.Shared ? MemoryRegionKind.Shared : MemoryRegionKind.Private;
        }

        return new MemoryRegion(e.Start, e.End - e.Start, protection, kind, e.Shared, e.Offset,
            ((ulong)e.DeviceMajor << 32) | e.DeviceMinor, e.Inode, path);
    }

    /// <summary>The target of <c>/proc/PID/exe</c> ("" when there is none or it cannot be read), " (deleted)" kept.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static unsafe string ReadExecutablePath(int processId, Utf8StringCache strings)
    {
        byte* path = stackalloc byte[ExePathBytes];
        FormatExePath(processId, new Span<byte>(path, ExePathBytes));
        // d_path gives at most a page; a longer path fails with ENAMETOOLONG and, like any failure, reads as "".
        byte* target = stackalloc byte[MaxLinkTarget];
        nint length = Interop.Libc.ReadLinkAt(AtFdcwd, path, target, MaxLinkTarget);
        return length > 0 && length < MaxLinkTarget ? strings.Get(new ReadOnlySpan<byte>(target, (int)length)) : "";
    }

    /// <summary>"/proc/PID/exe" and a NUL.</summary>
    private static void FormatExePath(int processId, Span<byte> path)
    {
        "/proc/"u8.CopyTo(path);
        System.Buffers.Text.Utf8Formatter.TryFormat(processId, path[6..], out int n);
        "/exe\0"u8.CopyTo(path[(6 + n)..]);
    }

    /// <summary>A vanished process shows as ENOENT or ESRCH depending on which file was open; both mean "no such process".</summary>
    private static int ToProcessError(int errno) =>
        errno is Errno.ENOENT or Errno.ESRCH ? ErrorCodes.InvalidParameter : Errno.ToErrorCode(errno);

    private static byte[] ReadBootId()
    {
        byte[] buffer = new byte[128];
        if (ProcFileReader.Read(-1, "sys/kernel/random/boot_id"u8, ref buffer, out int length) != 0)
        {
            return [];
        }

        return buffer.AsSpan(0, length).TrimEnd((byte)'\n').ToArray();
    }
}
