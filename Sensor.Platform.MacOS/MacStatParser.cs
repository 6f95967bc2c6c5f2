using System.Buffers.Binary;

namespace Sensor.Platform.MacOS;

/// <summary>
/// Reads a macOS <c>struct stat</c> (64-bit inodes, 144 bytes): dev i32 @0, mode u16 @4, nlink u16 @6, ino u64 @8,
/// uid @16, gid @20, rdev @24, atime @32, mtime @48, ctime @64, birthtime @80 (timespec: i64 s, i64 ns), size @96.
/// </summary>
public static class MacStatParser
{
    public const int Size = 144;
    private const int SIfmt = 0xf000, SIfreg = 0x8000, SIfdir = 0x4000, SIflnk = 0xa000;

    public static FileStatus Parse(ReadOnlySpan<byte> stat)
    {
        uint device = BinaryPrimitives.ReadUInt32LittleEndian(stat);
        ushort mode = BinaryPrimitives.ReadUInt16LittleEndian(stat[4..]);
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(stat[8..]);
        long size = BinaryPrimitives.ReadInt64LittleEndian(stat[96..]);
        DirectoryEntryKind kind = (mode & SIfmt) switch
        {
            SIfreg => DirectoryEntryKind.File,
            SIfdir => DirectoryEntryKind.Directory,
            SIflnk => DirectoryEntryKind.SymbolicLink,
            _ => DirectoryEntryKind.Other,
        };
        return new FileStatus(kind, size, mode, Ms(stat[32..]), Ms(stat[48..]), Ms(stat[80..]), device, inode);
    }

    private static long Ms(ReadOnlySpan<byte> timespec) =>
        (BinaryPrimitives.ReadInt64LittleEndian(timespec) * 1000) + (BinaryPrimitives.ReadInt64LittleEndian(timespec[8..]) / 1_000_000);
}
