using System.Buffers;
using System.Security.Cryptography;

namespace Sensor.Commands.Inventory;

/// <summary>SHA-256 of a file, streamed through IncrementalHash with a pooled 1 MiB buffer, with a size cap.</summary>
internal static class FileSha256
{
    /// <summary>Files larger than this are not hashed (the entry says so by having no HASH).</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>Writes the 32-byte hash and returns true; false when the file cannot be read or is over the cap.</summary>
    public static bool TryHash(string path, Span<byte> hash)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            if (!file.CanSeek || file.Length > MaxBytes)
            {
                return false;
            }

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    return false; // grew while being read
                }

                sha.AppendData(buffer, 0, read);
            }

            return sha.TryGetHashAndReset(hash, out _);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
