using System.Collections.Concurrent;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Channel;

namespace Sensor.Server.Registry;

/// <summary>
/// What the server knows about each sensor beyond its credential: host name, platform, agent version, first and last
/// seen, connected or not, revoked. Kept in memory and written to <c>registry/SID.json</c> (atomically, 0600) on every
/// connect and disconnect, so a restarted server lists the same sensors; "connected" is forced to false on load
/// because no connection survives a restart. Last-seen moves with every event in memory and reaches the disk at the
/// next connect or disconnect (or <see cref="Flush"/>): losing a few seconds of last-seen in a crash is acceptable,
/// an fsync per event for it is not. Enrolled sensors that never connected under this registry still appear (from
/// <c>sensors/</c>), with what enrollment recorded.
/// </summary>
public sealed class SensorRegistry
{
    private readonly ServerDirectory _directory;
    private readonly string _path;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public SensorRegistry(ServerDirectory directory)
    {
        _directory = directory;
        _path = Path.Combine(directory.Root, "registry");
        Directory.CreateDirectory(_path);
        foreach (string file in Directory.EnumerateFiles(_path, "*.json"))
        {
            try
            {
                SensorInfo? info = JsonSerializer.Deserialize(File.ReadAllBytes(file), RegistryJsonContext.Default.SensorInfo);
                if (info is not null && ServerDirectory.IsSid(info.Sid))
                {
                    _entries[info.Sid] = new Entry(info with { Connected = false });
                }
            }
            catch (JsonException)
            {
                // A damaged record is rebuilt at the sensor's next connection; the enrollment record still lists it.
            }
        }
    }

    public void Connected(string sid, HelloMessage hello, string remote)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Entry entry = _entries.GetOrAdd(sid, s => new Entry(new SensorInfo { Sid = s, FirstSeenMs = now }));
        lock (entry)
        {
            entry.Connections++;
            entry.Info = entry.Info with
            {
                Hostname = hello.Hostname,
                Platform = PlatformName(hello.Plat),
                Version = hello.AgentVersion,
                FirstSeenMs = entry.Info.FirstSeenMs == 0 ? now : entry.Info.FirstSeenMs,
                LastSeenMs = now,
                Connected = true,
                RemoteAddress = remote,
            };
            Save(entry.Info);
        }
    }

    public void Disconnected(string sid)
    {
        if (!_entries.TryGetValue(sid, out Entry? entry))
        {
            return;
        }

        lock (entry)
        {
            // A sensor that reconnected before its old connection timed out stays connected.
            entry.Connections = Math.Max(0, entry.Connections - 1);
            entry.Info = entry.Info with { Connected = entry.Connections > 0, LastSeenMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            Save(entry.Info);
        }
    }

    public void Seen(string sid)
    {
        if (_entries.TryGetValue(sid, out Entry? entry))
        {
            entry.LastSeenTicks = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }
    }

    public bool IsConnected(string sid) => _entries.TryGetValue(sid, out Entry? entry) && entry.Connections > 0;

    public SensorInfo? Find(string sid) => List().FirstOrDefault(s => s.Sid == sid);

    /// <summary>Every enrolled sensor, registry facts merged with enrollment and revocation, ordered by host name.</summary>
    public List<SensorInfo> List()
    {
        var result = new List<SensorInfo>();
        foreach (SensorRecord record in _directory.Sensors())
        {
            SensorInfo info;
            if (_entries.TryGetValue(record.Sid, out Entry? entry))
            {
                lock (entry)
                {
                    info = entry.Info with { LastSeenMs = Math.Max(entry.Info.LastSeenMs, entry.LastSeenTicks) };
                }
            }
            else
            {
                info = new SensorInfo { Sid = record.Sid, Hostname = record.Hostname, FirstSeenMs = record.EnrolledMs };
            }

            result.Add(info with { Revoked = _directory.IsRevoked(record.Sid) });
        }

        result.Sort((a, b) => (string.CompareOrdinal(a.Hostname, b.Hostname), string.CompareOrdinal(a.Sid, b.Sid)) switch
        {
            (0, int bySid) => bySid,
            (int byName, _) => byName,
        });
        return result;
    }

    /// <summary>Writes every record whose last-seen moved since it was saved (at shutdown).</summary>
    public void Flush()
    {
        foreach (Entry entry in _entries.Values)
        {
            lock (entry)
            {
                if (entry.LastSeenTicks > entry.Info.LastSeenMs)
                {
                    entry.Info = entry.Info with { LastSeenMs = entry.LastSeenTicks };
                    Save(entry.Info);
                }
            }
        }
    }

    public static string PlatformName(int plat) => plat switch
    {
        0x10000000 => "windows",
        0x20000000 => "linux",
        0x30000000 => "macos",
        _ => $"0x{plat:x8}",
    };

    private void Save(SensorInfo info) =>
        AtomicFile.Write(Path.Combine(_path, info.Sid + ".json"), JsonSerializer.SerializeToUtf8Bytes(info, RegistryJsonContext.Default.SensorInfo));

    private sealed class Entry(SensorInfo info)
    {
        public SensorInfo Info { get; set; } = info;
        public int Connections { get; set; }
        public long LastSeenTicks;
    }
}
