using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>
/// SHA-256 of process executables, cached by (device, inode, size, mtime) so a second listing hashes nothing that
/// did not change. Bounded: at most <see cref="MaxEntries"/> entries (the cache is emptied when full) and
/// executables up to <see cref="MaxFileBytes"/> (larger ones get no HASH).
/// </summary>
public static class ExecutableHashCache
{
    public const int MaxEntries = 8192;
    public const long MaxFileBytes = 512L << 20;

    private static readonly Dictionary<ExecutableIdentity, byte[]> s_hashes = [];
    private static readonly Lock s_lock = new();
    private static long s_hashesComputed;

    /// <summary>How many executables were actually read and hashed (the cache's misses), for tests and diagnostics.</summary>
    public static long HashesComputed => Interlocked.Read(ref s_hashesComputed);

    /// <summary>The hash of the process's executable into <paramref name="hash"/> (32 bytes); false when unavailable.</summary>
    public static bool TryGet(int processId, Span<byte> hash)
    {
        if (Os.GetExecutableIdentity(processId, out ExecutableIdentity identity) != ErrorCodes.Success
            || identity.Size > MaxFileBytes)
        {
            return false;
        }

        lock (s_lock)
        {
            if (s_hashes.TryGetValue(identity, out byte[]? cached))
            {
                cached.CopyTo(hash);
                return true;
            }
        }

        if (Os.OpenExecutable(processId, out Stream? stream) != ErrorCodes.Success || stream is null)
        {
            return false;
        }

        // Through the file hasher (1 MiB reads, read-ahead), not SHA256.HashData(stream), which reads 4 KiB at a
        // time: a cold listing hashes every distinct executable, and that was most of its system calls.
        byte[] computed = new byte[32];
        using (stream)
        {
            if (stream is not FileStream file
                || FileHasher.Hash(file.SafeFileHandle, identity.Size, computed) != ErrorCodes.Success)
            {
                return false;
            }
        }

        Interlocked.Increment(ref s_hashesComputed);
        lock (s_lock)
        {
            if (s_hashes.Count >= MaxEntries)
            {
                s_hashes.Clear();
            }

            s_hashes[identity] = computed;
        }

        computed.CopyTo(hash);
        return true;
    }
}
