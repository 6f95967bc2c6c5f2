using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Sensor.Platform.Processes;
using K32 = Sensor.Platform.Windows.Interop.Kernel32;
using Nt = Sensor.Platform.Windows.Interop.NtDll;

namespace Sensor.Platform.Windows;

/// <summary>
/// Processes through Toolhelp32 and NtQueryInformationProcess; memory through VirtualQueryEx and ReadProcessMemory;
/// kill through TerminateProcess, suspend/resume through NtSuspendProcess/NtResumeProcess (SuspendThread for -t).
/// Win32 error numbers are the reply's error codes already.
/// </summary>
public sealed partial class WindowsHost : IProcessHost
{
    private static byte[]? s_bootId;

    public static int CurrentProcessId => Environment.ProcessId;

    public static ReadOnlySpan<byte> BootId => s_bootId ??= ReadBootTime();

    public static unsafe int ListProcessIds(List<int> processIds)
    {
        processIds.Clear();
        return WalkSnapshot(static (in K32.ProcessEntry32 e, List<int> list) =>
        {
            list.Add((int)e.ProcessId);
            return true;
        }, processIds);
    }

    public static unsafe int GetProcess(int processId, ProcessEntry entry, bool withCommandLine)
    {
        entry.Clear();
        entry.ProcessId = -1;
        int error = WalkSnapshot(static (in K32.ProcessEntry32 e, ProcessEntry target) =>
        {
            if ((int)e.ProcessId != target.UserId)
            {
                return true;
            }

            target.ProcessId = (int)e.ProcessId;
            target.ParentProcessId = (int)e.ParentProcessId;
            target.Threads = (int)e.Threads;
            fixed (char* name = e.ExeFile)
            {
                target.Name = new string(name);
            }

            return false;
        }, SetLookup(entry, processId));
        entry.UserId = -1;
        if (error != ErrorCodes.Success)
        {
            return error;
        }

        if (entry.ProcessId != processId)
        {
            return ErrorCodes.InvalidParameter;
        }

        nint process = K32.OpenProcess(K32.ProcessQueryLimitedInformation, false, (uint)processId);
        if (process == 0)
        {
            // System and protected processes: what the snapshot gave is all there is.
            return ErrorCodes.Success;
        }

        try
        {
            char* path = stackalloc char[1024];
            uint size = 1024;
            if (K32.QueryFullProcessImageName(process, 0, path, ref size))
            {
                entry.FilePath = new string(path, 0, (int)size);
            }

            if (K32.GetProcessTimes(process, out long created, out _, out _, out _))
            {
                entry.StartTime = (ulong)created;
            }

            K32.ProcessMemoryCounters counters = default;
            if (K32.K32GetProcessMemoryInfo(process, &counters, (uint)sizeof(K32.ProcessMemoryCounters)))
            {
                entry.MemoryUsage = (long)counters.WorkingSetSize;
            }

            if (withCommandLine)
            {
                entry.CommandLine = ReadCommandLine(process);
            }
        }
        finally
        {
            K32.CloseHandle(process);
        }

        return ErrorCodes.Success;
    }

    public static int GetExecutableIdentity(int processId, out ExecutableIdentity identity) =>
        ExecutablePathIdentity.Get<WindowsHost>(processId, out identity);

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
            handle = File.OpenHandle(entry.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            return ErrorCodes.Success;
        }
        catch (IOException e)
        {
            return e.HResult & 0xFFFF;
        }
        catch (UnauthorizedAccessException)
        {
            return ErrorCodes.AccessDenied;
        }
    }

    public static unsafe int ListRegions(int processId, List<MemoryRegion> regions)
    {
        regions.Clear();
        nint process = K32.OpenProcess(K32.ProcessQueryInformation | K32.ProcessVmRead, false, (uint)processId);
        if (process == 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            char* name = stackalloc char[1024];
            K32.MemoryBasicInformation info;
            nint address = 0;
            while (K32.VirtualQueryEx(process, address, &info, (nuint)sizeof(K32.MemoryBasicInformation)) != 0)
            {
                nint next = info.BaseAddress + (nint)info.RegionSize;
                if (info.State == K32.MemCommit)
                {
                    string path = "";
                    if (info.Type is K32.MemImage or K32.MemMapped)
                    {
                        uint n = K32.K32GetMappedFileName(process, info.BaseAddress, name, 1024);
                        path = n > 0 ? new string(name, 0, (int)n) : "";
                    }

                    MemoryRegionKind kind = info.Type switch
                    {
                        K32.MemImage => MemoryRegionKind.Image,
                        K32.MemMapped => MemoryRegionKind.Mapped,
                        K32.MemPrivate => MemoryRegionKind.Private,
                        _ => MemoryRegionKind.Unknown,
                    };
                    regions.Add(new MemoryRegion((ulong)info.BaseAddress, info.RegionSize, ToProtection(info.Protect), kind,
                        info.Type == K32.MemMapped, 0, 0, path.Length > 0 ? 1UL : 0UL, path));
                }

                if (next <= address)
                {
                    break;
                }

                address = next;
            }
        }
        finally
        {
            K32.CloseHandle(process);
        }

        return ErrorCodes.Success;
    }

    public static int OpenMemory(int processId, out ProcessMemoryHandle handle)
    {
        nint process = K32.OpenProcess(K32.ProcessQueryInformation | K32.ProcessVmRead, false, (uint)processId);
        handle = new ProcessMemoryHandle { ProcessId = processId, Native = process };
        return process == 0 ? Marshal.GetLastPInvokeError() : ErrorCodes.Success;
    }

    public static unsafe int ReadMemory(ref ProcessMemoryHandle handle, ulong address, Span<byte> destination, out int bytesRead)
    {
        bytesRead = 0;
        fixed (byte* p = destination)
        {
            bool ok = K32.ReadProcessMemory(handle.Native, (nint)address, p, (nuint)destination.Length, out nuint read);
            bytesRead = (int)read;
            if (ok || bytesRead > 0)
            {
                return ErrorCodes.Success;
            }

            int error = Marshal.GetLastPInvokeError();
            return error is K32.ErrorPartialCopy or 998 ? ErrorCodes.InvalidAddress : error;
        }
    }

    public static void CloseMemory(ref ProcessMemoryHandle handle)
    {
        if (handle.Native != 0)
        {
            K32.CloseHandle(handle.Native);
            handle.Native = 0;
        }
    }

    public static int ControlProcess(int processId, int threadId, ProcessControl action)
    {
        if (threadId != 0)
        {
            if (action == ProcessControl.Kill)
            {
                return ErrorCodes.InvalidParameter;
            }

            nint thread = K32.OpenThread(K32.ThreadSuspendResume | K32.ThreadQueryLimitedInformation, false, (uint)threadId);
            if (thread == 0)
            {
                return Marshal.GetLastPInvokeError();
            }

            try
            {
                if (K32.GetProcessIdOfThread(thread) != (uint)processId)
                {
                    return ErrorCodes.InvalidParameter;
                }

                uint previous = action == ProcessControl.Suspend ? K32.SuspendThread(thread) : K32.ResumeThread(thread);
                return previous == uint.MaxValue ? Marshal.GetLastPInvokeError() : ErrorCodes.Success;
            }
            finally
            {
                K32.CloseHandle(thread);
            }
        }

        uint access = action == ProcessControl.Kill ? K32.ProcessTerminate : K32.ProcessSuspendResume;
        nint process = K32.OpenProcess(access, false, (uint)processId);
        if (process == 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            switch (action)
            {
                case ProcessControl.Kill:
                    return K32.TerminateProcess(process, 1) ? ErrorCodes.Success : Marshal.GetLastPInvokeError();
                case ProcessControl.Suspend:
                    return ToErrorCode(Nt.NtSuspendProcess(process));
                case ProcessControl.Resume:
                    return ToErrorCode(Nt.NtResumeProcess(process));
                default:
                    return ErrorCodes.InvalidParameter;
            }
        }
        finally
        {
            K32.CloseHandle(process);
        }
    }

    private delegate bool SnapshotVisitor<TState>(in K32.ProcessEntry32 entry, TState state);

    private static ProcessEntry SetLookup(ProcessEntry entry, int processId)
    {
        entry.UserId = processId; // carries the wanted pid into the static visitor
        return entry;
    }

    private static unsafe int WalkSnapshot<TState>(SnapshotVisitor<TState> visitor, TState state)
    {
        nint snapshot = K32.CreateToolhelp32Snapshot(K32.Th32csSnapprocess, 0);
        if (snapshot == -1)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            K32.ProcessEntry32 e = default;
            e.Size = (uint)sizeof(K32.ProcessEntry32);
            if (!K32.Process32First(snapshot, &e))
            {
                return ErrorCodes.Success;
            }

            do
            {
                if (!visitor(e, state))
                {
                    break;
                }
            }
            while (K32.Process32Next(snapshot, &e));
            return ErrorCodes.Success;
        }
        finally
        {
            K32.CloseHandle(snapshot);
        }
    }

    private static unsafe string ReadCommandLine(nint process)
    {
        // ProcessCommandLineInformation returns a UNICODE_STRING followed by its characters.
        byte[] buffer = new byte[4096];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            fixed (byte* p = buffer)
            {
                int status = Nt.NtQueryInformationProcess(process, Nt.ProcessCommandLineInformation, p, (uint)buffer.Length, out uint needed);
                if (status == Nt.StatusInfoLengthMismatch || (uint)status == 0x80000005 || (uint)status == 0xC0000023)
                {
                    buffer = new byte[Math.Min((int)needed + 16, 1 << 20)];
                    continue;
                }

                if (status < 0)
                {
                    return "";
                }

                ushort length = *(ushort*)p;
                char* text = *(char**)(p + 8);
                return new string(text, 0, length / 2);
            }
        }

        return "";
    }

    private static unsafe byte[] ReadBootTime()
    {
        // SYSTEM_TIMEOFDAY_INFORMATION starts with the boot time (FILETIME): unique per boot.
        byte* info = stackalloc byte[48];
        int status = Nt.NtQuerySystemInformation(Nt.SystemTimeOfDayInformation, info, 48, out _);
        return status < 0 ? [] : new ReadOnlySpan<byte>(info, 8).ToArray();
    }

    private static int ToErrorCode(int ntStatus) => ntStatus >= 0 ? ErrorCodes.Success : (int)Nt.RtlNtStatusToDosError(ntStatus);

    private static MemoryProtection ToProtection(uint protect)
    {
        if ((protect & K32.PageGuard) != 0)
        {
            return MemoryProtection.None;
        }

        return (protect & 0xFF) switch
        {
            K32.PageReadonly => MemoryProtection.Read,
            K32.PageReadwrite => MemoryProtection.Read | MemoryProtection.Write,
            K32.PageWritecopy => MemoryProtection.Read | MemoryProtection.Write | MemoryProtection.CopyOnWrite,
            K32.PageExecute => MemoryProtection.Execute,
            K32.PageExecuteRead => MemoryProtection.Read | MemoryProtection.Execute,
            K32.PageExecuteReadwrite => MemoryProtection.Read | MemoryProtection.Write | MemoryProtection.Execute,
            K32.PageExecuteWritecopy => MemoryProtection.Read | MemoryProtection.Write | MemoryProtection.Execute | MemoryProtection.CopyOnWrite,
            _ => MemoryProtection.None,
        };
    }
}
