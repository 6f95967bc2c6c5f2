using System.Buffers.Binary;
using Sensor.Agent;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>
/// The executable hashes kept between runs, in <c>exe-hashes</c> of the state directory, so that a new sensor
/// process (<c>sensor exec</c>, an agent restart) does not hash every running executable again: that was a
/// quarter of a cold os_processes. Keyed by device, inode, size, modification time and change time; the change
/// time cannot be set by a program, so a file rewritten with its size and modification time put back is hashed
/// again. Bounded to <see cref="MaxEntries"/> entries; written to a temporary file and renamed over the old one;
/// a file that is damaged, of another format, or that anyone but a trusted owner could have written (the
/// <see cref="FilePermissionCheck"/> rule for the sensor's state) is ignored, never trusted.
/// </summary>
/// <remarks>
/// Layout, little-endian: "SXH1", u32 version 1, u32 count, u32 0; count records of u64 device, u64 inode,
/// i64 size, i64 mtime, i64 ctime, 32 bytes SHA-256; u64 checksum of everything before it. The checksum only
/// catches torn or damaged files: the trust comes from who can write the directory.
/// </remarks>
public static class ExecutableHashStore
{
    public const string FileName = "exe-hashes";
    public const int MaxEntries = 4096;
    public const int HeaderSize = 16;
    public const int RecordSize = 72;
    public const int MaxFileSize = HeaderSize + (MaxEntries * RecordSize) + ChecksumSize;

    private const int ChecksumSize = 8;
    private const uint Magic = 0x31485853; // "SXH1"
    private const uint Version = 1;

    /// <summary>Calls <paramref name="add"/> for each record of a well-formed store; false (and no call) otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, Action<ExecutableIdentity, byte[]> add)
    {
        if (data.Length < HeaderSize + ChecksumSize || data.Length > MaxFileSize
            || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) != Version)
        {
            return false;
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        if (count > MaxEntries || data.Length != HeaderSize + ((int)count * RecordSize) + ChecksumSize
            || BinaryPrimitives.ReadUInt64LittleEndian(data[^ChecksumSize..]) != Checksum(data[..^ChecksumSize]))
        {
            return false;
        }

        for (int i = 0; i < (int)count; i++)
        {
            ReadOnlySpan<byte> r = data.Slice(HeaderSize + (i * RecordSize), RecordSize);
            var identity = new ExecutableIdentity(
                BinaryPrimitives.ReadUInt64LittleEndian(r),
                BinaryPrimitives.ReadUInt64LittleEndian(r[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(r[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(r[24..]),
                BinaryPrimitives.ReadInt64LittleEndian(r[32..]));
            add(identity, r[40..72].ToArray());
        }

        return true;
    }

    /// <summary>The store's bytes for at most <see cref="MaxEntries"/> of <paramref name="entries"/>.</summary>
    public static byte[] Format(IReadOnlyList<KeyValuePair<ExecutableIdentity, byte[]>> entries)
    {
        int count = Math.Min(entries.Count, MaxEntries);
        byte[] data = new byte[HeaderSize + (count * RecordSize) + ChecksumSize];
        Span<byte> span = data;
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)count);
        for (int i = 0; i < count; i++)
        {
            (ExecutableIdentity id, byte[] hash) = (entries[i].Key, entries[i].Value);
            Span<byte> r = span.Slice(HeaderSize + (i * RecordSize), RecordSize);
            BinaryPrimitives.WriteUInt64LittleEndian(r, id.Device);
            BinaryPrimitives.WriteUInt64LittleEndian(r[8..], id.Inode);
            BinaryPrimitives.WriteInt64LittleEndian(r[16..], id.Size);
            BinaryPrimitives.WriteInt64LittleEndian(r[24..], id.ModificationTime);
            BinaryPrimitives.WriteInt64LittleEndian(r[32..], id.ChangeTime);
            hash.AsSpan(0, 32).CopyTo(r[40..]);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(span[^ChecksumSize..], Checksum(span[..^ChecksumSize]));
        return data;
    }

    /// <summary>Reads the store in <paramref name="directory"/> if it is there, well-formed and trusted.</summary>
    public static void Load(string directory, Action<ExecutableIdentity, byte[]> add)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            if (!File.Exists(path) || FilePermissionCheck.Check(path, mayBeMissing: false) is not null)
            {
                return;
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            if (file.Length > MaxFileSize)
            {
                return;
            }

            byte[] data = new byte[file.Length];
            file.ReadExactly(data);
            _ = TryParse(data, add);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable or changed while read: start empty, the hashes are computed again.
        }
    }

    /// <summary>
    /// Replaces the store in <paramref name="directory"/>, which must exist and be trusted (it is not created:
    /// installing the sensor does that). A failure leaves the old store or none; neither is an error.
    /// </summary>
    public static void Save(string directory, IReadOnlyList<KeyValuePair<ExecutableIdentity, byte[]>> entries)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            if (!Directory.Exists(directory) || FilePermissionCheck.Check(directory, mayBeMissing: false) is not null)
            {
                return;
            }

            // Not durable: after a crash the store is the old one, the new one or a damaged one, which is ignored.
            AtomicFile.Write(path, Format(entries), durable: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not saved (another sensor process saving at the same moment, a full disk): the hashes are computed
            // again next time.
        }
    }

    /// <summary>FNV-1a over 64-bit words with a shift mix; <paramref name="data"/> is a whole number of words.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        ulong h = 0xcbf29ce484222325;
        for (int i = 0; i + 8 <= data.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(data[i..])) * 0x100000001b3;
            h ^= h >> 29;
        }

        return h;
    }
}
