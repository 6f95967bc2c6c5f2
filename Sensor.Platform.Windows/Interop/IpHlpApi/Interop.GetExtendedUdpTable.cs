using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class IpHlpApi
    {
        internal const int UdpTableOwnerPid = 1; // UDP_TABLE_OWNER_PID

        [LibraryImport(Name, EntryPoint = "GetExtendedUdpTable")]
        internal static unsafe partial uint GetExtendedUdpTable(byte* table, ref uint size, int order, uint addressFamily, int tableClass, uint reserved);
    }
}
