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

    /// <summary>Opens and hashes <paramref name="path"/>; <paramref name="hash"/> receives 32 bytes.</summary>
    public static int HashFile(ReadOnlySpan<byte> path, Span<byte> hash, out FileStatus status, byte[]? buffer = null, CancellationToken cancellation = default)
    {
        int error = Os.OpenRead(path, out SafeFileHandle? handle, out status);
        if (error != ErrorCodes.Success)
        {
            return error;
        }

        using (handle)
        {
            return Hash(handle!, status.Size, hash, buffer, cancellation);
        }
    }

    /// <summary>Hashes an open file from its start to its end (which may differ from the size stat reported).</summary>
    public static int Hash(SafeFileHandle handle, long expectedSize, Span<byte> hash, byte[]? buffer = null, CancellationToken cancellation = default)
    {
        byte[] chunk = buffer ?? ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // Small files: one read and a one-shot hash, no incremental state to set up.
            if (expectedSize < chunk.Length)
            {
                int error = ReadFully(handle, chunk, 0, out int filled);
                if (error != ErrorCodes.Success)
                {
                    return error;
                }

                if (filled < chunk.Length)
                {
                    SHA256.HashData(chunk.AsSpan(0, filled), hash);
                    return ErrorCodes.Success;
                }

                // The file grew past what stat said (or is a pseudo-file): continue incrementally.
                using var grown = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                grown.AppendData(chunk, 0, filled);
                return Stream(handle, grown, chunk, filled, hash, cancellation);
            }

            Os.AdviseSequential(handle, expectedSize);
            using var incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            return Stream(handle, incremental, chunk, 0, hash, cancellation);
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

    private static int Stream(SafeFileHandle handle, IncrementalHash sha, byte[] chunk, long offset, Span<byte> hash, CancellationToken cancellation)
    {
        Os.AdviseWillNeed(handle, offset, ReadAheadLead + ReadAheadStep);
        long nextAdvice = offset + ReadAheadStep;
        while (true)
        {
            if (offset >= nextAdvice)
            {
                Os.AdviseWillNeed(handle, nextAdvice + ReadAheadLead, ReadAheadStep);
                nextAdvice += ReadAheadStep;
            }

            cancellation.ThrowIfCancellationRequested();
            int error = Os.ReadAt(handle, chunk, offset, out int read);
            if (error != ErrorCodes.Success)
            {
                return error;
            }

            if (read == 0)
            {
                sha.GetHashAndReset(hash);
                return ErrorCodes.Success;
            }

            sha.AppendData(chunk, 0, read);
            offset += read;
        }
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
