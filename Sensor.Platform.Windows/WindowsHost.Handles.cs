using System.Runtime.InteropServices;
using Sensor.Platform.Handles;
using Sensor.Platform.Inventory;

namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : IHandleHost
{
    private const int SystemExtendedHandleInformation = 64;
    private const int ObjectNameInformation = 1;
    private const int ObjectTypeInformation = 2;
    private const int StatusInfoLengthMismatch = unchecked((int)0xC0000004);
    private const uint ProcessDupHandle = 0x40;
    private const uint DuplicateSameAccess = 2;

    // SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX on 64-bit: Object, UniqueProcessId, HandleValue (pointer-sized), then
    // GrantedAccess, CreatorBackTraceIndex, ObjectTypeIndex, HandleAttributes, Reserved: 40 bytes.
    private const int EntrySize = 40;

    /// <summary>The table grows until it fits, up to this size (about 6 M handles).</summary>
    private const int MaxTableBytes = 256 * 1024 * 1024;

    public static unsafe InventoryResult ListHandles(int processId, string? nameContains, List<HandleEntry> handles)
    {
        byte[] table = new byte[1024 * 1024];
        int status;
        while (true)
        {
            fixed (byte* pointer = table)
            {
                status = Interop.NtDll.NtQuerySystemInformation(SystemExtendedHandleInformation, pointer, (uint)table.Length, out _);
            }

            if (status != StatusInfoLengthMismatch || table.Length >= MaxTableBytes)
            {
                break;
            }

            table = new byte[table.Length * 2];
        }

        if (status != 0)
        {
            return new InventoryResult(ErrorCodes.InvalidFunction, $"NtQuerySystemInformation failed: NTSTATUS 0x{status:x8}", 0);
        }

        long count = (long)BitConverter.ToUInt64(table, 0);
        int unreadable = 0;
        nint self = Interop.Kernel32.GetCurrentProcess();
        var processes = new Dictionary<int, nint>();
        byte[] info = new byte[64 * 1024];
        try
        {
            for (long i = 0; i < count && 16 + ((i + 1) * EntrySize) <= table.Length; i++)
            {
                int offset = 16 + (int)(i * EntrySize);
                int pid = (int)BitConverter.ToUInt64(table, offset + 8);
                if (processId != 0 && pid != processId)
                {
                    continue;
                }

                ulong value = BitConverter.ToUInt64(table, offset + 16);
                uint access = BitConverter.ToUInt32(table, offset + 24);
                if (!processes.TryGetValue(pid, out nint process))
                {
                    process = Interop.Kernel32.OpenProcess(ProcessDupHandle, false, (uint)pid);
                    processes[pid] = process;
                    if (process == 0)
                    {
                        unreadable++;
                    }
                }

                if (process == 0 || Interop.Kernel32.DuplicateHandle(process, (nint)value, self, out nint duplicate, 0, 0, DuplicateSameAccess) == 0)
                {
                    continue;
                }

                try
                {
                    string type = QueryObjectString(duplicate, ObjectTypeInformation, info);
                    // Querying the name of a synchronous pipe opened with these access masks blocks forever: skip it.
                    bool mayHang = type == "File" && access is 0x0012019f or 0x001a019f or 0x00120189 or 0x00100000;
                    string name = mayHang ? "" : QueryObjectString(duplicate, ObjectNameInformation, info);
                    if (nameContains is not null && (name.Length == 0 || !name.Contains(nameContains, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }

                    handles.Add(new HandleEntry(pid, value, type, name));
                }
                finally
                {
                    Interop.Kernel32.CloseHandle(duplicate);
                }
            }
        }
        finally
        {
            foreach (nint process in processes.Values)
            {
                if (process != 0)
                {
                    Interop.Kernel32.CloseHandle(process);
                }
            }
        }

        return new InventoryResult(0, null, unreadable);
    }

    /// <summary>The UNICODE_STRING at the start of an NtQueryObject result: Length, MaximumLength, pad, Buffer.</summary>
    private static unsafe string QueryObjectString(nint handle, int informationClass, byte[] buffer)
    {
        fixed (byte* pointer = buffer)
        {
            if (Interop.NtDll.NtQueryObject(handle, informationClass, pointer, (uint)buffer.Length, out _) != 0)
            {
                return "";
            }

            ushort length = *(ushort*)pointer;
            char* text = *(char**)(pointer + 8);
            return length == 0 || text == null ? "" : new string(text, 0, length / 2);
        }
    }
}
