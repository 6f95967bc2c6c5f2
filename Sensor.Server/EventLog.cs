using System.Collections.Concurrent;
using System.Text.Json;
using Sensor.Events;

namespace Sensor.Server;

/// <summary>
/// <c>events.jsonl</c>: one line per event, written and fsynced before the event is acknowledged. Each line carries
/// the sensor's (sid, stream, seq), and a resent event whose seq is not above the last one written for its stream
/// is acknowledged without being written again, so a reply survives a server crash exactly once. The dedup state is
/// rebuilt from the file at start; a torn last line (crash mid-write) is cut off.
/// </summary>
public sealed class EventLog : IDisposable
{
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;
    private readonly ConcurrentDictionary<(string Sid, ulong Stream), ulong> _last = new();
    private readonly object _gate = new();

    public EventLog(string path)
    {
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Recover();
        _file.Seek(0, SeekOrigin.End);
        _json = new Utf8JsonWriter(_file);
    }

    public long Written { get; private set; }

    /// <summary>Writes the event unless it was written before; true when written now.</summary>
    public bool Append(string sid, ulong stream, ulong sequence, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_last.TryGetValue((sid, stream), out ulong last) && sequence <= last)
            {
                return false;
            }

            long start = _file.Position;
            try
            {
                _json.Reset(_file);
                _json.WriteStartObject();
                _json.WriteString("sid", sid);
                _json.WriteNumber("stream", stream);
                _json.WriteNumber("seq", sequence);
                _json.WriteNumber("received_ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
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

    private void Recover()
    {
        long goodEnd = 0;
        using (var reader = new StreamReader(_file, leaveOpen: true))
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
                    goodEnd = Math.Min(position, _file.Length);
                }
                catch (JsonException)
                {
                    break;
                }
            }
        }

        if (goodEnd < _file.Length)
        {
            _file.SetLength(goodEnd);
        }

        // A complete record whose newline was not written yet: finish the line.
        if (_file.Length > 0)
        {
            _file.Seek(-1, SeekOrigin.End);
            if (_file.ReadByte() != '\n')
            {
                _file.WriteByte((byte)'\n');
            }
        }
    }
}
