using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const uint MemCommit = 0x1000, MemReserve = 0x2000, MemFree = 0x10000;
        internal const uint MemPrivate = 0x20000, MemMapped = 0x40000, MemImage = 0x1000000;
        internal const uint PageNoaccess = 0x01, PageReadonly = 0x02, PageReadwrite = 0x04, PageWritecopy = 0x08;
        internal const uint PageExecute = 0x10, PageExecuteRead = 0x20, PageExecuteReadwrite = 0x40, PageExecuteWritecopy = 0x80;
        internal const uint PageGuard = 0x100;

        [StructLayout(LayoutKind.Sequential)]
        internal struct MemoryBasicInformation
        {
            public nint BaseAddress;
            public nint AllocationBase;
            public uint AllocationProtect;
            public ushort PartitionId;
            public nuint RegionSize;
            public uint State;
            public uint Protect;
            public uint Type;
        }

        [LibraryImport(Name, EntryPoint = "VirtualQueryEx", SetLastError = true)]
        internal static unsafe partial nuint VirtualQueryEx(nint process, nint address, MemoryBasicInformation* buffer, nuint length);
    }
}
