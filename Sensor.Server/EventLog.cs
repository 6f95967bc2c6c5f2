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
        lock (_gate)
        {
            if (_last.TryGetValue((sid, stream), out ulong last) && sequence <= last)
            {
                return false;
            }

            DateTimeOffset now = _clock();
            if (DayOf(now) != _day)
            {
                _json.Dispose();
                _file.Dispose();
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
                _file.Flush(flushToDisk: true);
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
            return true;
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
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
