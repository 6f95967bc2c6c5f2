using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>
/// SHA-256 of a file, streamed through one reused buffer (1 MiB: BASELINES.md finding 5) with OpenSSL doing the
/// hashing on Linux (SHA-NI where the CPU has it). A read error is an error, never the hash of what was read so far.
/// </summary>
public static class FileHasher
{
    public const int BufferSize = 1024 * 1024;

    /// <summary>Files at least this large are read on a second thread while hashed, when asked (file_hash).</summary>
    public const long ReadAheadMinimumSize = 16L * 1024 * 1024;

    /// <summary>Opens and hashes <paramref name="path"/>; <paramref name="hash"/> receives 32 bytes.</summary>
    public static int HashFile(ReadOnlySpan<byte> path, Span<byte> hash, out FileStatus status, byte[]? buffer = null, CancellationToken cancellation = default, HashReadMode mode = HashReadMode.Advised)
    {
        int error = Os.OpenRead(path, out SafeFileHandle? handle, out status);
        if (error != ErrorCodes.Success)
        {
            return error;
        }

        using (handle)
        {
            return Hash(handle!, status.Size, hash, buffer, cancellation, mode);
        }
    }

    /// <summary>Hashes an open file from its start to its end (which may differ from the size stat reported).</summary>
    public static int Hash(SafeFileHandle handle, long expectedSize, Span<byte> hash, byte[]? buffer = null, CancellationToken cancellation = default, HashReadMode mode = HashReadMode.Advised)
    {
        if (mode == HashReadMode.ReadAhead && expectedSize >= ReadAheadMinimumSize && Environment.ProcessorCount > 1 && !ScanThrottle.IsEnabled
            && ReadAheadFileReader.TryStart(handle, expectedSize) is { } reader)
        {
            return HashReadAhead(reader, hash, cancellation);
        }

        byte[] chunk = buffer ?? ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // Small files: one read and a one-shot hash, no incremental state to set up.
            if (expectedSize < chunk.Length)
            {
                int error = ReadChunk(handle, chunk, 0, expectedSize, out int filled, out bool atEnd);
                if (error != ErrorCodes.Success)
                {
                    return error;
                }

                if (atEnd)
                {
                    SHA256.HashData(chunk.AsSpan(0, filled), hash);
                    return ErrorCodes.Success;
                }

                // The file grew past what stat said (or is a pseudo-file): continue incrementally.
                using var grown = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                grown.AppendData(chunk, 0, filled);
                return Stream(handle, grown, chunk, filled, expectedSize, hash, mode != HashReadMode.Plain, cancellation);
            }

            Os.AdviseSequential(handle, expectedSize);
            using var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            return Stream(handle, incremental, chunk, 0, expectedSize, hash, mode != HashReadMode.Plain, cancellation);
        }
        finally
        {
            if (buffer is null)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    // Read-ahead: keep the window [offset + Lead, offset + Lead + Step) requested from the disk while hashing.
    private const long ReadAheadStep = 8L * 1024 * 1024;
    private const long ReadAheadLead = 24L * 1024 * 1024;

    private static int Stream(SafeFileHandle handle, IncrementalHash sha, byte[] chunk, long offset, long expectedSize, Span<byte> hash, bool advise, CancellationToken cancellation)
    {
        long nextAdvice = advise ? offset + ReadAheadStep : long.MaxValue;
        if (advise)
        {
            Os.AdviseWillNeed(handle, offset, ReadAheadLead + ReadAheadStep);
        }

        while (true)
        {
            if (offset >= nextAdvice)
            {
                Os.AdviseWillNeed(handle, nextAdvice + ReadAheadLead, ReadAheadStep);
                nextAdvice += ReadAheadStep;
            }

            cancellation.ThrowIfCancellationRequested();
            int error = ReadChunk(handle, chunk, offset, expectedSize, out int read, out bool atEnd);
            if (error != ErrorCodes.Success)
            {
                return error;
            }

            sha.AppendData(chunk, 0, read);
            offset += read;
            if (atEnd)
            {
                sha.GetHashAndReset(hash);
                return ErrorCodes.Success;
            }
        }
    }

    private static int HashReadAhead(ReadAheadFileReader reader, Span<byte> hash, CancellationToken cancellation)
    {
        using var owned = reader;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int error;
        while (reader.TryNext(out ReadOnlySpan<byte> data, out error, cancellation))
        {
            sha.AppendData(data);
        }

        // The error of the read that ended the loop; never a hash of what was read before it.
        if (error != ErrorCodes.Success)
        {
            return error;
        }

        sha.GetHashAndReset(hash);
        return ErrorCodes.Success;
    }

    /// <summary>
    /// Reads from <paramref name="offset"/> until <paramref name="buffer"/> is full or the file ends
    /// (<paramref name="atEnd"/>). The end is a read of 0 bytes, or a short read that stops exactly at
    /// <paramref name="expectedEnd"/> (the size stat reported): a short read of a regular file is its end at that
    /// moment, so the read that would return 0 is saved. Pseudo-files whose stat size is 0 or wrong read on to 0.
    /// </summary>
    public static int ReadChunk(SafeFileHandle handle, Span<byte> buffer, long offset, long expectedEnd, out int filled, out bool atEnd)
    {
        filled = 0;
        atEnd = false;
        while (filled < buffer.Length)
        {
            int requested = buffer.Length - filled;
            int error = Os.ReadAt(handle, buffer[filled..], offset + filled, out int read);
            if (error != ErrorCodes.Success)
            {
                return error;
            }

            filled += read;
            if (read == 0 || (read < requested && offset + filled == expectedEnd))
            {
                atEnd = true;
                break;
            }
        }

        return ErrorCodes.Success;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/> until it is full or the file ends.</summary>
    public static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset, out int filled)
    {
        filled = 0;
        while (filled < buffer.Length)
        {
            int error = Os.ReadAt(handle, buffer[filled..], offset + filled, out int read);
            if (error != ErrorCodes.Success)
            {
                return error;
            }

            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return ErrorCodes.Success;
    }
}
