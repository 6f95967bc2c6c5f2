using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// Matches a helper thread of <see cref="DirectoryWalker"/> found, packed for the calling thread to replay to its
/// visitor: per record the path length, the name length, the kind, whether a status is present, the status and the
/// path bytes. One buffer per chunk, reused, so a walk allocates per chunk and not per entry.
/// </summary>
public sealed class MatchRecordChunk
{
    public const int Capacity = 16 * 1024;

    private static readonly int StatusSize = Unsafe.SizeOf<FileStatus>();
    private static readonly int HeaderSize = 12 + StatusSize;

    private byte[] _buffer = new byte[Capacity];

    public int Length { get; private set; }

    /// <summary>Appends one match; false when the chunk is full (an empty chunk grows to take any one record).</summary>
    public bool TryAppend(ReadOnlySpan<byte> path, in DirectoryEntry entry)
    {
        int size = HeaderSize + path.Length;
        if (Length + size > _buffer.Length)
        {
            if (Length > 0)
            {
                return false;
            }

            _buffer = new byte[size];
        }

        Span<byte> at = _buffer.AsSpan(Length, size);
        MemoryMarshal.Write(at, path.Length);
        MemoryMarshal.Write(at[4..], entry.Name.Length);
        at[8] = (byte)entry.Kind;
        at[9] = entry.HasStatus ? (byte)1 : (byte)0;
        FileStatus status = entry.Status;
        MemoryMarshal.Write(at[12..], in status);
        path.CopyTo(at[HeaderSize..]);
        Length += size;
        return true;
    }

    /// <summary>Reads the record at <paramref name="offset"/> and moves past it; false after the last one.</summary>
    public bool TryRead(ref int offset, out ReadOnlySpan<byte> path, out int nameLength, out DirectoryEntryKind kind, out bool hasStatus, out FileStatus status)
    {
        if (offset >= Length)
        {
            path = default;
            nameLength = 0;
            kind = DirectoryEntryKind.Unknown;
            hasStatus = false;
            status = default;
            return false;
        }

        ReadOnlySpan<byte> at = _buffer.AsSpan(offset, Length - offset);
        int pathLength = MemoryMarshal.Read<int>(at);
        nameLength = MemoryMarshal.Read<int>(at[4..]);
        kind = (DirectoryEntryKind)at[8];
        hasStatus = at[9] != 0;
        status = MemoryMarshal.Read<FileStatus>(at[12..]);
        path = at.Slice(HeaderSize, pathLength);
        offset += HeaderSize + pathLength;
        return true;
    }

    public void Clear() => Length = 0;
}
