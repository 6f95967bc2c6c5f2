using Microsoft.Win32.SafeHandles;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Platform.Processes;
using Sensor.Runtime;

namespace Sensor.Commands.Processes;

/// <summary>
/// SHA-256 of process executables, cached by <see cref="ExecutableIdentity"/> (device, inode, size, modification
/// and change times) so a second listing hashes nothing that did not change, and kept between runs in the state
/// directory (<see cref="ExecutableHashStore"/>) when the host gives a change time. Bounded: at most
/// <see cref="MaxEntries"/> entries (the cache is emptied when full) and executables up to
/// <see cref="MaxFileBytes"/> (larger ones get no HASH). Safe to call from several threads.
/// </summary>
public static class ExecutableHashCache
{
    public const int MaxEntries = 8192;
    public const long MaxFileBytes = 512L << 20;

    private static readonly Dictionary<ExecutableIdentity, Entry> s_hashes = [];
    private static readonly Lock s_lock = new();
    private static long s_hashesComputed;
    private static long s_uses;
    private static long s_loadedRank;
    private static bool s_loaded;
    private static bool s_dirty;

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
            // The store is read on the first lookup that could be in it: a host without change times never reads it.
            if (!s_loaded && identity.ChangeTime != 0)
            {
                s_loaded = true;
                if (ProtectedPaths.StateDirectory is { Length: > 0 } directory)
                {
                    // Stored most recently used first: ranks -1, -2, ... keep that order below anything used here.
                    ExecutableHashStore.Load(directory, static (id, stored) => Add(id, stored, dirty: false, lastUse: --s_loadedRank));
                }
            }

            if (s_hashes.TryGetValue(identity, out Entry? cached))
            {
                cached.LastUse = ++s_uses;
                cached.Hash.CopyTo(hash);
                return true;
            }
        }

        if (Os.OpenExecutable(processId, out SafeFileHandle? handle) != ErrorCodes.Success || handle is null)
        {
            return false;
        }

        // Through the file hasher (1 MiB reads, read-ahead), not SHA256.HashData(stream), which reads 4 KiB at a
        // time: a cold listing hashes every distinct executable, and that was most of its system calls.
        byte[] computed = new byte[32];
        using (handle)
        {
            if (FileHasher.Hash(handle, identity.Size, computed) != ErrorCodes.Success)
            {
                return false;
            }
        }

        Interlocked.Increment(ref s_hashesComputed);
        computed.CopyTo(hash);
        // Changed while it was read (or the process exec'd another file): the hash is reported, as it was read,
        // but not remembered under a key that no longer describes the bytes.
        if (Os.GetExecutableIdentity(processId, out ExecutableIdentity after) != ErrorCodes.Success || after != identity)
        {
            return true;
        }

        lock (s_lock)
        {
            Add(identity, computed, dirty: identity.ChangeTime != 0, lastUse: ++s_uses);
        }

        return true;
    }

    /// <summary>Writes the persistent store if hashes were added since it was last read or written.</summary>
    public static void Persist()
    {
        List<KeyValuePair<ExecutableIdentity, byte[]>> entries;
        string directory;
        lock (s_lock)
        {
            directory = ProtectedPaths.StateDirectory;
            if (!s_dirty || directory.Length == 0)
            {
                return;
            }

            s_dirty = false;
            // The most recently used first, so that the store's bound drops the stalest.
            var persistable = new List<KeyValuePair<ExecutableIdentity, Entry>>(s_hashes.Count);
            foreach (KeyValuePair<ExecutableIdentity, Entry> pair in s_hashes)
            {
                if (pair.Key.ChangeTime != 0)
                {
                    persistable.Add(pair);
                }
            }

            persistable.Sort(static (a, b) => b.Value.LastUse.CompareTo(a.Value.LastUse));
            int count = Math.Min(persistable.Count, ExecutableHashStore.MaxEntries);
            entries = new List<KeyValuePair<ExecutableIdentity, byte[]>>(count);
            for (int i = 0; i < count; i++)
            {
                entries.Add(new(persistable[i].Key, persistable[i].Value.Hash));
            }
        }

        ExecutableHashStore.Save(directory, entries);
    }

    /// <summary>Forgets every hash in memory and whether the store was read (tests).</summary>
    internal static void Reset()
    {
        lock (s_lock)
        {
            s_hashes.Clear();
            s_loaded = false;
            s_dirty = false;
            s_loadedRank = 0;
        }
    }

    private static void Add(ExecutableIdentity identity, byte[] hash, bool dirty, long lastUse)
    {
        if (s_hashes.Count >= MaxEntries)
        {
            s_hashes.Clear();
        }

        s_hashes[identity] = new Entry(hash) { LastUse = lastUse };
        s_dirty |= dirty;
    }

    private sealed class Entry(byte[] hash)
    {
        public byte[] Hash { get; } = hash;

        public long LastUse { get; set; }
    }
}
