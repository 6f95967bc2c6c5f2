using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Sensor.Platform.Processes;

namespace Sensor.Platform.MacOS;

/// <summary>
/// Processes through libproc (proc_listpids, proc_pidinfo, proc_pidpath) and the KERN_PROCARGS2 sysctl; memory through
/// task_for_pid, mach_vm_region and mach_vm_read_overwrite (which needs the sensor to hold the debugger entitlement
/// or run as root with SIP allowing it); kill/stop/cont through kill(2).
/// </summary>
public sealed partial class MacHost : IProcessHost
{
    private const int PageSize = 16384;
    private static byte[]? s_bootId;

    public static int CurrentProcessId => Environment.ProcessId;

    public static ReadOnlySpan<byte> BootId => s_bootId ??= ReadBootSessionUuid();

    public static unsafe int ListProcessIds(List<int> processIds)
    {
        processIds.Clear();
        int bytes = Interop.Libproc.ProcListPids(Interop.Libproc.ProcAllPids, 0, null, 0);
        if (bytes <= 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        // Room for processes started between the two calls.
        int[] pids = new int[(bytes / sizeof(int)) + 64];
        fixed (int* p = pids)
        {
            bytes = Interop.Libproc.ProcListPids(Interop.Libproc.ProcAllPids, 0, p, pids.Length * sizeof(int));
        }

        if (bytes <= 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        for (int i = 0; i < bytes / sizeof(int); i++)
        {
            if (pids[i] > 0 || (pids[i] == 0 && i == 0))
            {
                processIds.Add(pids[i]);
            }
        }

        processIds.Sort();
        return ErrorCodes.Success;
    }

    public static unsafe int GetProcess(int processId, ProcessEntry entry, bool withCommandLine)
    {
        entry.Clear();
        byte* bsd = stackalloc byte[Interop.Libproc.BsdInfoSize];
        int got = Interop.Libproc.ProcPidInfo(processId, Interop.Libproc.ProcPidTbsdInfo, 0, bsd, Interop.Libproc.BsdInfoSize);
        if (got < Interop.Libproc.BsdInfoSize)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno == Errno.ESRCH || got == 0 ? ErrorCodes.InvalidParameter : Errno.ToErrorCode(errno);
        }

        entry.ProcessId = *(int*)(bsd + Interop.Libproc.BsdPidOffset);
        entry.ParentProcessId = *(int*)(bsd + Interop.Libproc.BsdPpidOffset);
        entry.UserId = *(uint*)(bsd + Interop.Libproc.BsdRuidOffset);
        entry.Name = Encoding.UTF8.GetString(new ReadOnlySpan<byte>(bsd + Interop.Libproc.BsdCommOffset, 16).TrimEnd((byte)0).ToArray());
        ulong seconds = *(ulong*)(bsd + Interop.Libproc.BsdStartSecondsOffset);
        ulong micro = *(ulong*)(bsd + Interop.Libproc.BsdStartMicrosecondsOffset);
        entry.StartTime = (seconds * 1_000_000) + micro;
        entry.State = *(uint*)(bsd + Interop.Libproc.BsdStatusOffset) == 4 ? 'T' : 'S'; // SSTOP = 4

        byte* task = stackalloc byte[Interop.Libproc.TaskInfoSize];
        if (Interop.Libproc.ProcPidInfo(processId, Interop.Libproc.ProcPidTaskInfo, 0, task, Interop.Libproc.TaskInfoSize) == Interop.Libproc.TaskInfoSize)
        {
            entry.MemoryUsage = (long)*(ulong*)(task + Interop.Libproc.TaskResidentOffset);
            entry.Threads = *(int*)(task + Interop.Libproc.TaskThreadCountOffset);
        }

        byte* path = stackalloc byte[Interop.Libproc.ProcPidPathInfoMaxSize];
        int length = Interop.Libproc.ProcPidPath(processId, path, Interop.Libproc.ProcPidPathInfoMaxSize);
        if (length > 0)
        {
            entry.FilePath = Encoding.UTF8.GetString(path, length);
        }

        if (withCommandLine)
        {
            entry.CommandLine = ReadCommandLine(processId);
        }

        return ErrorCodes.Success;
    }

    public static int GetExecutableIdentity(int processId, out ExecutableIdentity identity) =>
        ExecutablePathIdentity.Get<MacHost>(processId, out identity);

    public static int OpenExecutable(int processId, out SafeFileHandle? handle)
    {
        handle = null;
        var entry = new ProcessEntry();
        int error = GetProcess(processId, entry, withCommandLine: false);
        if (error != ErrorCodes.Success || entry.FilePath.Length == 0)
        {
            return error != ErrorCodes.Success ? error : ErrorCodes.FileNotFound;
        }

        try
        {
            handle = File.OpenHandle(entry.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            return ErrorCodes.Success;
        }
        catch (FileNotFoundException)
        {
            return ErrorCodes.FileNotFound;
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

    public static unsafe int ListRegions(int processId, List<MemoryRegion> regions)
    {
        regions.Clear();
        int error = OpenTask(processId, out uint task);
        if (error != ErrorCodes.Success)
        {
            return error;
        }

        try
        {
            ulong address = 0;
            int* info = stackalloc int[Interop.Mach.VmRegionBasicInfoCount64];
            byte* name = stackalloc byte[Interop.Libproc.ProcPidPathInfoMaxSize];
            while (true)
            {
                ulong size = 0;
                uint count = Interop.Mach.VmRegionBasicInfoCount64;
                uint objectName = 0;
                int kr = Interop.Mach.MachVmRegion(task, &address, &size, Interop.Mach.VmRegionBasicInfo64, info, &count, &objectName);
                if (kr != Interop.Mach.KernSuccess)
                {
                    break; // KERN_INVALID_ADDRESS: past the last region
                }

                // vm_region_basic_info_64, packed(4): protection, max_protection, inheritance, shared, reserved, offset (8), behavior, wired.
                int protection = info[0];
                bool shared = info[3] != 0;
                ulong offset = *(ulong*)(info + 5);
                int n = Interop.Libproc.ProcRegionFilename(processId, address, name, Interop.Libproc.ProcPidPathInfoMaxSize);
                string path = n > 0 ? Encoding.UTF8.GetString(name, n) : "";
                MemoryProtection p = ((protection & Interop.Mach.VmProtRead) != 0 ? MemoryProtection.Read : 0)
                    | ((protection & Interop.Mach.VmProtWrite) != 0 ? MemoryProtection.Write : 0)
                    | ((protection & Interop.Mach.VmProtExecute) != 0 ? MemoryProtection.Execute : 0);
                MemoryRegionKind kind = path.Length > 0
                    ? ((p & MemoryProtection.Execute) != 0 ? MemoryRegionKind.Image : MemoryRegionKind.Mapped)
                    : shared ? MemoryRegionKind.Shared : MemoryRegionKind.Private;
                regions.Add(new MemoryRegion(address, size, p, kind, shared, offset, 0, path.Length > 0 ? 1UL : 0UL, path));
                address += size;
            }
        }
        finally
        {
            Interop.Mach.MachPortDeallocate(Interop.Mach.MachTaskSelf(), task);
        }

        return ErrorCodes.Success;
    }

    public static int OpenMemory(int processId, out ProcessMemoryHandle handle)
    {
        int error = OpenTask(processId, out uint task);
        handle = new ProcessMemoryHandle { ProcessId = processId, Native = (nint)task };
        return error;
    }

    public static unsafe int ReadMemory(ref ProcessMemoryHandle handle, ulong address, Span<byte> destination, out int bytesRead)
    {
        bytesRead = 0;
        fixed (byte* p = destination)
        {
            ulong got = 0;
            int kr = Interop.Mach.MachVmReadOverwrite((uint)handle.Native, address, (ulong)destination.Length, (ulong)p, &got);
            if (kr == Interop.Mach.KernSuccess)
            {
                bytesRead = (int)got;
                return ErrorCodes.Success;
            }

            if (kr is not (Interop.Mach.KernInvalidAddress or Interop.Mach.KernProtectionFailure))
            {
                return kr == Interop.Mach.KernInvalidArgument ? ErrorCodes.InvalidParameter : ErrorCodes.ReadFault;
            }

            // The whole read fails when any page is bad: read page by page up to the first bad one.
            while (bytesRead < destination.Length)
            {
                ulong at = address + (ulong)bytesRead;
                ulong pageEnd = (at | (PageSize - 1)) + 1;
                int length = (int)Math.Min(pageEnd - at, (ulong)(destination.Length - bytesRead));
                if (Interop.Mach.MachVmReadOverwrite((uint)handle.Native, at, (ulong)length, (ulong)(p + bytesRead), &got) != Interop.Mach.KernSuccess)
                {
                    break;
                }

                bytesRead += (int)got;
            }

            return bytesRead > 0 ? ErrorCodes.Success : ErrorCodes.InvalidAddress;
        }
    }

    public static void CloseMemory(ref ProcessMemoryHandle handle)
    {
        if (handle.Native != 0)
        {
            Interop.Mach.MachPortDeallocate(Interop.Mach.MachTaskSelf(), (uint)handle.Native);
            handle.Native = 0;
        }
    }

    public static int ControlProcess(int processId, int threadId, ProcessControl action)
    {
        if (threadId != 0)
        {
            // Mach threads have no pid-space id a signal can target; thread_suspend needs the thread port.
            return ErrorCodes.NotSupported;
        }

        int signal = action switch
        {
            ProcessControl.Kill => Interop.Libc.SIGKILL,
            ProcessControl.Suspend => Interop.Libc.SIGSTOP,
            ProcessControl.Resume => Interop.Libc.SIGCONT,
            _ => 0,
        };
        if (signal == 0)
        {
            return ErrorCodes.InvalidParameter;
        }

        return Interop.Libc.Kill(processId, signal) == 0 ? ErrorCodes.Success : ToProcessError(Marshal.GetLastPInvokeError());
    }

    private static int OpenTask(int processId, out uint task)
    {
        int kr = Interop.Mach.TaskForPid(Interop.Mach.MachTaskSelf(), processId, out task);
        if (kr == Interop.Mach.KernSuccess)
        {
            return ErrorCodes.Success;
        }

        // task_for_pid says KERN_FAILURE both for "no such process" and "not allowed": tell them apart with kill(pid, 0).
        return Interop.Libc.Kill(processId, 0) != 0 && Marshal.GetLastPInvokeError() == Errno.ESRCH
            ? ErrorCodes.InvalidParameter
            : ErrorCodes.AccessDenied;
    }

    private static unsafe string ReadCommandLine(int processId)
    {
        int* mib = stackalloc int[3] { Interop.Libc.CtlKern, Interop.Libc.KernProcargs2, processId };
        nuint size = 0;
        if (Interop.Libc.Sysctl(mib, 3, null, &size, null, 0) != 0 || size == 0)
        {
            return "";
        }

        byte[] buffer = new byte[Math.Min((int)size, 1 << 20)];
        byte[] line = new byte[buffer.Length];
        fixed (byte* p = buffer)
        {
            size = (nuint)buffer.Length;
            if (Interop.Libc.Sysctl(mib, 3, p, &size, null, 0) != 0)
            {
                return "";
            }
        }

        int n = ProcArgsParser.FormatCommandLine(buffer.AsSpan(0, (int)size), line);
        return n > 0 ? Encoding.UTF8.GetString(line, 0, n) : "";
    }

    private static unsafe byte[] ReadBootSessionUuid()
    {
        byte* value = stackalloc byte[64];
        nuint length = 64;
        if (Interop.Libc.SysctlByName("kern.bootsessionuuid", value, &length, null, 0) != 0)
        {
            return [];
        }

        return new ReadOnlySpan<byte>(value, (int)length).TrimEnd((byte)0).ToArray();
    }

    private static int ToProcessError(int errno) => errno == Errno.ESRCH ? ErrorCodes.InvalidParameter : Errno.ToErrorCode(errno);
}
