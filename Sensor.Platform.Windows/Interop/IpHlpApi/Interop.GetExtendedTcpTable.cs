using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class IpHlpApi
    {
        internal const int TcpTableOwnerPidAll = 5; // TCP_TABLE_OWNER_PID_ALL

        /// <summary>Returns a Win32 error (0, or 122 ERROR_INSUFFICIENT_BUFFER with the size needed).</summary>
        [LibraryImport(Name, EntryPoint = "GetExtendedTcpTable")]
        internal static unsafe partial uint GetExtendedTcpTable(byte* table, ref uint size, int order, uint addressFamily, int tableClass, uint reserved);
    }
}
