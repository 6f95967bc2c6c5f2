using System.Globalization;
using System.Text;

namespace Sensor.Agent;

/// <summary>
/// Task ids the sensor has accepted, kept on disk so a task is never run twice, across reconnects and restarts.
/// An id is recorded (and fsynced) before the task is acknowledged or run, so the sensor runs a task at most once
/// even if it crashes. An id is kept until its task's expiry: after that the task would be refused anyway. At most
/// <see cref="MaxEntries"/> ids are kept (the soonest to expire go first).
/// </summary>
public sealed class SeenTaskStore : IDisposable
{
    public const int MaxEntries = 100_000;

    private readonly string _path;
    private readonly Dictionary<string, long> _expiry = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private FileStream _log;
    private int _linesInLog;

    public SeenTaskStore(string path, long nowMs)
    {
        _path = path;
        if (File.Exists(path))
        {
            foreach (string line in File.ReadLines(path))
            {
                int space = line.IndexOf(' ');
                // A torn last line (crash mid-append) has no valid expiry and is dropped.
                if (space > 0 && long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long expiry)
                    && expiry >= nowMs)
                {
                    _expiry[line[..space]] = expiry;
                }
            }
        }

        _log = Compact();
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiry.Count;
            }
        }
    }

    public bool Contains(ReadOnlySpan<byte> taskId)
    {
        string key = Convert.ToHexStringLower(taskId);
        lock (_gate)
        {
            return _expiry.ContainsKey(key);
        }
    }

    /// <summary>Records a task id durably; false when it was already there.</summary>
    public bool TryRecord(ReadOnlySpan<byte> taskId, long expiryMs)
    {
        string key = Convert.ToHexStringLower(taskId);
        lock (_gate)
        {
            if (!_expiry.TryAdd(key, expiryMs))
            {
                return false;
            }

            _log.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key} {expiryMs}\n")));
            _log.Flush(flushToDisk: true);
            if (++_linesInLog > 2 * MaxEntries || _expiry.Count > MaxEntries)
            {
                Prune(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                _log.Dispose();
                _log = Compact();
            }

            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Prune(long nowMs)
    {
        foreach (var (key, expiry) in _expiry.ToArray())
        {
            if (expiry < nowMs)
            {
                _expiry.Remove(key);
            }
        }

        if (_expiry.Count > MaxEntries)
        {
            foreach (var (key, _) in _expiry.OrderBy(e => e.Value).Take(_expiry.Count - MaxEntries).ToArray())
            {
                _expiry.Remove(key);
            }
        }
    }

    private FileStream Compact()
    {
        var content = new StringBuilder();
        foreach (var (key, expiry) in _expiry)
        {
            content.Append(key).Append(' ').Append(expiry.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AtomicFile.Write(_path, Encoding.ASCII.GetBytes(content.ToString()));
        _linesInLog = _expiry.Count;
        return new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }
}
