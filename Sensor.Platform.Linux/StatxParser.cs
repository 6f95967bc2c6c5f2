using System.Buffers.Binary;
using Sensor.Platform.Processes;

namespace Sensor.Platform.Linux;

/// <summary>
/// Reads the fields the sensor reports from a <c>struct statx</c> (256 bytes, one layout on every architecture).
/// Pure, so it is tested from sample bytes.
/// </summary>
public static class StatxParser
{
    public const int Size = 256;

    /// <summary>STATX_BASIC_STATS | STATX_BTIME.</summary>
    public const uint Mask = 0x7ffu | 0x800u;

    private const uint StatxBtime = 0x800;
    private const int SIfmt = 0xf000, SIfreg = 0x8000, SIfdir = 0x4000, SIflnk = 0xa000;

    public static FileStatus Parse(ReadOnlySpan<byte> statx)
    {
        uint mask = BinaryPrimitives.ReadUInt32LittleEndian(statx);
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(statx[28..]);
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(statx[32..]);
        long size = BinaryPrimitives.ReadInt64LittleEndian(statx[40..]);
        long atime = TimestampMs(statx[64..]);
        long btime = (mask & StatxBtime) != 0 ? TimestampMs(statx[80..]) : 0;
        long ctime = TimestampMs(statx[96..]);
        long mtime = TimestampMs(statx[112..]);
        uint devMajor = BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]);
        uint devMinor = BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]);
        DirectoryEntryKind kind = (mode & SIfmt) switch
        {
            SIfreg => DirectoryEntryKind.File,
            SIfdir => DirectoryEntryKind.Directory,
            SIflnk => DirectoryEntryKind.SymbolicLink,
            _ => DirectoryEntryKind.Other,
        };

        // Where the file system keeps no birth time, the change time is the closest the kernel knows.
        return new FileStatus(kind, size, mode, atime, mtime, btime != 0 ? btime : ctime, ((ulong)devMajor << 32) | devMinor, inode);
    }

    /// <summary>STATX_INO | STATX_SIZE | STATX_MTIME | STATX_CTIME: what an executable's identity needs.</summary>
    public const uint IdentityMask = 0x100u | 0x200u | 0x40u | 0x80u;

    /// <summary>
    /// The hash-cache key of a file: device, inode, size, and the modification and change times in nanoseconds.
    /// The change time is 0 when the kernel did not return it (the key is then not persisted).
    /// </summary>
    public static ExecutableIdentity ParseIdentity(ReadOnlySpan<byte> statx)
    {
        uint mask = BinaryPrimitives.ReadUInt32LittleEndian(statx);
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(statx[32..]);
        long size = BinaryPrimitives.ReadInt64LittleEndian(statx[40..]);
        long ctime = (mask & 0x80u) != 0 ? TimestampNs(statx[96..]) : 0;
        long mtime = TimestampNs(statx[112..]);
        uint devMajor = BinaryPrimitives.ReadUInt32LittleEndian(statx[136..]);
        uint devMinor = BinaryPrimitives.ReadUInt32LittleEndian(statx[140..]);
        return new ExecutableIdentity(((ulong)devMajor << 32) | devMinor, inode, size, mtime, ctime);
    }

    private static long TimestampNs(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1_000_000_000) + BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]);

    private static long TimestampMs(ReadOnlySpan<byte> timestamp) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timestamp) * 1000) + (BinaryPrimitives.ReadUInt32LittleEndian(timestamp[8..]) / 1_000_000);
}
