using System.Buffers.Binary;
using Sensor.Platform.Network;

namespace Sensor.Platform.Windows.Network;

/// <summary>
/// Reads the owner-pid tables of GetExtendedTcpTable/GetExtendedUdpTable (iprtrmib.h): a DWORD count, then rows of
/// MIB_TCPROW_OWNER_PID (24 bytes), MIB_TCP6ROW_OWNER_PID (56), MIB_UDPROW_OWNER_PID (12), MIB_UDP6ROW_OWNER_PID (28).
/// Ports are in network order in the low 16 bits; the TCP state is MIB_TCP_STATE already.
/// </summary>
public static class IpHelperTables
{
    public static void ReadTcp4(ReadOnlySpan<byte> table, List<SocketEntry> sockets)
    {
        foreach (ReadOnlySpan<byte> row in Rows(table, 24))
        {
            var entry = new SocketEntry
            {
                Protocol = SocketProtocol.Tcp4,
                State = (byte)BinaryPrimitives.ReadUInt32LittleEndian(row),
                LocalPort = Port(row[8..]),
                RemotePort = Port(row[16..]),
                ProcessId = BinaryPrimitives.ReadInt32LittleEndian(row[20..]),
            };
            row.Slice(4, 4).CopyTo(entry.LocalAddress);
            row.Slice(12, 4).CopyTo(entry.RemoteAddress);
            sockets.Add(entry);
        }
    }

    public static void ReadTcp6(ReadOnlySpan<byte> table, List<SocketEntry> sockets)
    {
        foreach (ReadOnlySpan<byte> row in Rows(table, 56))
        {
            var entry = new SocketEntry
            {
                Protocol = SocketProtocol.Tcp6,
                LocalPort = Port(row[20..]),
                RemotePort = Port(row[44..]),
                State = (byte)BinaryPrimitives.ReadUInt32LittleEndian(row[48..]),
                ProcessId = BinaryPrimitives.ReadInt32LittleEndian(row[52..]),
            };
            row[..16].CopyTo(entry.LocalAddress);
            row.Slice(24, 16).CopyTo(entry.RemoteAddress);
            sockets.Add(entry);
        }
    }

    public static void ReadUdp4(ReadOnlySpan<byte> table, List<SocketEntry> sockets)
    {
        foreach (ReadOnlySpan<byte> row in Rows(table, 12))
        {
            var entry = new SocketEntry
            {
                Protocol = SocketProtocol.Udp4,
                LocalPort = Port(row[4..]),
                ProcessId = BinaryPrimitives.ReadInt32LittleEndian(row[8..]),
            };
            row[..4].CopyTo(entry.LocalAddress);
            sockets.Add(entry);
        }
    }

    public static void ReadUdp6(ReadOnlySpan<byte> table, List<SocketEntry> sockets)
    {
        foreach (ReadOnlySpan<byte> row in Rows(table, 28))
        {
            var entry = new SocketEntry
            {
                Protocol = SocketProtocol.Udp6,
                LocalPort = Port(row[20..]),
                ProcessId = BinaryPrimitives.ReadInt32LittleEndian(row[24..]),
            };
            row[..16].CopyTo(entry.LocalAddress);
            sockets.Add(entry);
        }
    }

    private static ushort Port(ReadOnlySpan<byte> dword) => BinaryPrimitives.ReadUInt16BigEndian(dword);

    private static RowEnumerable Rows(ReadOnlySpan<byte> table, int rowSize) => new(table, rowSize);

    /// <summary>The rows the count announces, as far as the buffer holds them.</summary>
    public readonly ref struct RowEnumerable(ReadOnlySpan<byte> table, int rowSize)
    {
        private readonly ReadOnlySpan<byte> _table = table;

        public RowEnumerator GetEnumerator()
        {
            uint count = _table.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(_table) : 0;
            long available = Math.Max(0, (_table.Length - 4) / rowSize);
            return new RowEnumerator(_table.Length >= 4 ? _table[4..] : default, rowSize, (int)Math.Min(count, available));
        }
    }

    public ref struct RowEnumerator(ReadOnlySpan<byte> rows, int rowSize, int count)
    {
        private readonly ReadOnlySpan<byte> _rows = rows;
        private int _index = -1;

        public readonly ReadOnlySpan<byte> Current => _rows.Slice(_index * rowSize, rowSize);

        public bool MoveNext() => ++_index < count;
    }
}
