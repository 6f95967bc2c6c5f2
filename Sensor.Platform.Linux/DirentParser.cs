using System.Buffers.Binary;

namespace Sensor.Platform.Linux;

/// <summary>
/// Parses the <c>linux_dirent64</c> records that getdents64 writes: <c>u64 d_ino; s64 d_off; u16 d_reclen;
/// u8 d_type; char d_name[]</c> (NUL-terminated, padded to 8 bytes). Pure, so it is tested from sample bytes.
/// </summary>
public static class DirentParser
{
    private const int NameOffset = 19;
    private const byte DtFifo = 1, DtChr = 2, DtDir = 4, DtBlk = 6, DtReg = 8, DtLnk = 10, DtSock = 12;

    /// <summary>
    /// Reads the record at <paramref name="offset"/>; returns false when the buffer holds no further well-formed
    /// record. <paramref name="offset"/> advances past the record.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, ref int offset, out ReadOnlySpan<byte> name, out DirectoryEntryKind kind, out ulong inode)
    {
        name = default;
        kind = DirectoryEntryKind.Unknown;
        inode = 0;
        if (offset < 0 || buffer.Length - offset < NameOffset + 1)
        {
            return false;
        }

        ReadOnlySpan<byte> record = buffer[offset..];
        inode = BinaryPrimitives.ReadUInt64LittleEndian(record);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
        if (length < NameOffset + 1 || length > record.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> rawName = record[NameOffset..length];
        int end = rawName.IndexOf((byte)0);
        name = end < 0 ? rawName : rawName[..end];
        kind = record[18] switch
        {
            DtReg => DirectoryEntryKind.File,
            DtDir => DirectoryEntryKind.Directory,
            DtLnk => DirectoryEntryKind.SymbolicLink,
            DtFifo or DtChr or DtBlk or DtSock => DirectoryEntryKind.Other,
            _ => DirectoryEntryKind.Unknown,
        };
        offset += length;
        return true;
    }

    /// <summary>True for the <c>.</c> and <c>..</c> entries every directory has.</summary>
    public static bool IsDotOrDotDot(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && name[0] == (byte)'.') || (name.Length == 2 && name[0] == (byte)'.' && name[1] == (byte)'.');
}
