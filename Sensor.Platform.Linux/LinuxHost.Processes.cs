using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Text;
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

    public static int CurrentProcessId => s_currentProcessId;

    public static ReadOnlySpan<byte> BootId => s_bootId ??= ReadBootId();

    public static int ListProcessIds(List<int> processIds)
    {
        processIds.Clear();
        try
        {
            var entries = new FileSystemEnumerable<int>(
                "/proc",
                static (ref FileSystemEntry entry) => int.Parse(entry.FileName, provider: System.Globalization.CultureInfo.InvariantCulture),
                new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 })
            {
                ShouldIncludePredicate = static (ref FileSystemEntry entry) => IsAllDigits(entry.FileName),
            };
            processIds.AddRange(entries);
            processIds.Sort();
            return ErrorCodes.Success;
        }
        catch (IOException)
        {
            return ErrorCodes.ReadFault;
        }
        catch (UnauthorizedAccessException)
        {
            return ErrorCodes.AccessDenied;
        }
    }

    public static int GetProcess(int processId, ProcessEntry entry, bool withCommandLine)
    {
        entry.Clear();
        byte[] buffer = t_procBuffer ??= new byte[16 << 10];
        int error = ProcFileReader.Read(processId, "stat"u8, ref buffer, out int length);
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
        entry.Name = Encoding.UTF8.GetString(name);

        error = ProcFileReader.Read(processId, "status"u8, ref buffer, out length);
        t_procBuffer = buffer;
        if (error == 0)
        {
            ProcStatus status = ProcStatusParser.Parse(buffer.AsSpan(0, length));
            entry.UserId = status.RealUserId;
            entry.UserName = entry.UserId >= 0 ? UserNames.Lookup(entry.UserId) : "";
        }

        entry.FilePath = ReadExecutablePath(processId);
        if (withCommandLine)
        {
            error = ProcFileReader.Read(processId, "cmdline"u8, ref buffer, out length);
            t_procBuffer = buffer;
            if (error == 0 && length > 0)
            {
                byte[] line = t_lineBuffer is { } l && l.Length >= length ? l : (t_lineBuffer = new byte[Math.Max(length, 4096)]);
                int n = ProcCmdlineParser.Format(buffer.AsSpan(0, length), line);
                entry.CommandLine = Encoding.UTF8.GetString(line, 0, n);
            }
        }

        return ErrorCodes.Success;
    }

    public static int GetExecutableIdentity(int processId, out ExecutableIdentity identity)
    {
        identity = default;
        Span<byte> path = stackalloc byte[32];
        "/proc/"u8.CopyTo(path);
        System.Buffers.Text.Utf8Formatter.TryFormat(processId, path[6..], out int n);
        "/exe"u8.CopyTo(path[(6 + n)..]);
        // Following the /proc/PID/exe link reaches the executable itself, deleted or not.
        int error = Stat(path[..(10 + n)], followLinks: true, out FileStatus status);
        if (error != ErrorCodes.Success)
        {
            return error == ErrorCodes.FileNotFound ? ErrorCodes.InvalidParameter : error;
        }

        identity = new ExecutableIdentity(status.Device, status.Inode, status.Size, status.ModificationTimeMs);
        return ErrorCodes.Success;
    }

    public static int OpenExecutable(int processId, out Stream? stream)
    {
        stream = null;
        try
        {
            stream = new FileStream($"/proc/{processId}/exe", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
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

    private static string ReadExecutablePath(int processId)
    {
        try
        {
            // Kernel threads have no exe link: readlink fails with ENOENT and the path stays empty.
            return File.ResolveLinkTarget($"/proc/{processId}/exe", returnFinalTarget: false)?.FullName ?? "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool IsAllDigits(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 10)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
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
