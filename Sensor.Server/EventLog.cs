using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Sensor.Events;

namespace Sensor.Server;

/// <summary>
/// The event log: a directory of dated files, <c>YYYY-MM-DD.jsonl</c> (UTC day of receipt), one line per event,
/// written and fsynced before the event is acknowledged (docs/server.md, "Event durability"). Each line carries the
/// sensor's (sid, stream, seq), and a resent event whose seq is not above the last one written for its stream is
/// acknowledged without being written again, so a reply survives a server crash exactly once. The dedup state is
/// rebuilt from all the files at start (a stream can resend after days offline); a torn last line of the newest file
/// (crash mid-write) is cut off.
/// Group commit: lines are written under one lock, then <see cref="Append"/> waits for an fsync that covers its line;
/// one fsync serves every line written before it started, so concurrent sensors share fsyncs instead of queueing
/// one each (docs/performance.md, "Server"). A failed fsync poisons the log: nothing more is acknowledged until the
/// server is restarted, because what the kernel dropped is unknown.
/// </summary>
public sealed class EventLog : IDisposable
{
    private readonly string _directory;
    private readonly Func<DateTimeOffset> _clock;
    private readonly ConcurrentDictionary<(string Sid, ulong Stream), ulong> _last = new();
    private readonly object _gate = new();
    private FileStream _file = null!;
    private Utf8JsonWriter _json = null!;
    private string _day = "";
    private FileStream? _previous;
    private readonly object _syncGate = new();
    private long _generation;
    private long _durableGeneration;
    private Exception? _poisoned;

    public EventLog(string directory, Func<DateTimeOffset>? clock = null)
    {
        _directory = directory;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Directory.CreateDirectory(directory);
        List<string> files = Files(directory).ToList();
        foreach (string file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, file == files[^1] ? FileAccess.ReadWrite : FileAccess.Read, FileShare.Read);
            Recover(stream, repair: file == files[^1]);
        }

        Open(_clock());
    }

    public long Written { get; private set; }

    /// <summary>The dated event files of a log directory, oldest first.</summary>
    public static IEnumerable<string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "????-??-??.jsonl").Order(StringComparer.Ordinal)
            : [];

    /// <summary>Writes the event unless it was written before; true when written now.</summary>
    public bool Append(string sid, ulong stream, ulong sequence, ReadOnlySpan<byte> data)
    {
        long generation;
        lock (_gate)
        {
            if (_poisoned is not null)
            {
                throw new IOException("the event log failed to fsync earlier; restart the server", _poisoned);
            }

            if (_last.TryGetValue((sid, stream), out ulong last) && sequence <= last)
            {
                // Written before, but maybe not yet durable (another session's fsync may be in progress).
                generation = _generation;
                goto sync;
            }

            DateTimeOffset now = _clock();
            if (DayOf(now) != _day)
            {
                // The old day's lines are made durable here; its stream stays open until the next rotation so that a
                // concurrent fsync on it never meets a closed handle.
                _json.Dispose();
                _file.Flush(flushToDisk: true);
                _previous?.Dispose();
                _previous = _file;
                Open(now);
            }

            long start = _file.Position;
            try
            {
                _json.Reset(_file);
                _json.WriteStartObject();
                _json.WriteString("sid", sid);
                _json.WriteNumber("stream", stream);
                _json.WriteNumber("seq", sequence);
                _json.WriteNumber("received_ms", now.ToUnixTimeMilliseconds());
                _json.WritePropertyName("data");
                EventJsonRenderer.Render(data, _json);
                _json.WriteEndObject();
                _json.Flush();
                _file.WriteByte((byte)'\n');
                _file.Flush(flushToDisk: false);
            }
            catch
            {
                // Keep the file line-aligned: drop whatever part of this line was written.
                _json.Reset(_file);
                _file.SetLength(start);
                _file.Seek(start, SeekOrigin.Begin);
                throw;
            }

            _last[(sid, stream)] = sequence;
            Written++;
            generation = ++_generation;
        }

        Sync(generation);
        return true;

    sync:
        Sync(generation);
        return false;
    }

    /// <summary>Returns once an fsync that started after line <paramref name="generation"/> was written has completed.</summary>
    private void Sync(long generation)
    {
        lock (_syncGate)
        {
            if (Volatile.Read(ref _durableGeneration) >= generation)
            {
                return;
            }

            long target;
            FileStream file;
            lock (_gate)
            {
                target = _generation;
                file = _file;
                if (_poisoned is not null)
                {
                    throw new IOException("the event log failed to fsync earlier; restart the server", _poisoned);
                }
            }

            try
            {
                RandomAccess.FlushToDisk(file.SafeFileHandle);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lock (_gate)
                {
                    _poisoned = e;
                }

                throw;
            }

            Volatile.Write(ref _durableGeneration, target);
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
        _previous?.Dispose();
    }

    private static string DayOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Open(DateTimeOffset now)
    {
        _day = DayOf(now);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _file = new FileStream(Path.Combine(_directory, _day + ".jsonl"), options);
        _file.Seek(0, SeekOrigin.End);
        _json = new Utf8JsonWriter(_file);
    }

    private void Recover(FileStream file, bool repair)
    {
        long goodEnd = 0;
        using (var reader = new StreamReader(file, leaveOpen: true))
        {
            long position = 0;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                position += System.Text.Encoding.UTF8.GetByteCount(line) + 1;
                try
                {
                    using JsonDocument document = JsonDocument.Parse(line);
                    JsonElement root = document.RootElement;
                    var key = (root.GetProperty("sid").GetString()!, root.GetProperty("stream").GetUInt64());
                    ulong sequence = root.GetProperty("seq").GetUInt64();
                    _last[key] = Math.Max(sequence, _last.GetValueOrDefault(key));
                    goodEnd = Math.Min(position, file.Length);
                }
                catch (JsonException)
                {
                    break;
                }
            }
        }

        if (!repair)
        {
            return;
        }

        if (goodEnd < file.Length)
        {
            file.SetLength(goodEnd);
        }

        // A complete record whose newline was not written yet: finish the line.
        if (file.Length > 0)
        {
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '\n')
            {
                file.WriteByte((byte)'\n');
            }
        }
    }
}
