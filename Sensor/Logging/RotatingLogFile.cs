using System.Text;

namespace Sensor.Logging;

/// <summary>
/// A log file bounded to <see cref="MaxBytes"/>: when the next line would pass the bound, the file becomes
/// <c>PATH.1</c> (replacing the previous one) and a new file starts, so the log never takes more than twice the
/// bound. Created 0600; a failure to write is reported once to the caller and the file is then left alone.
/// </summary>
public sealed class RotatingLogFile : IDisposable
{
    private readonly Lock _lock = new();
    private FileStream? _stream;

    public RotatingLogFile(string path, long maxBytes)
    {
        Path = path;
        MaxBytes = maxBytes;
        _stream = Open();
    }

    public string Path { get; }

    public long MaxBytes { get; }

    public string RotatedPath => Path + ".1";

    /// <summary>Appends one line; returns the I/O error's message when it could not.</summary>
    public string? WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_lock)
        {
            try
            {
                _stream ??= Open();
                if (_stream.Length > 0 && _stream.Length + bytes.Length > MaxBytes)
                {
                    _stream.Dispose();
                    _stream = null;
                    File.Move(Path, RotatedPath, overwrite: true);
                    _stream = Open();
                }

                _stream.Write(bytes);
                _stream.Flush();
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stream?.Dispose();
                _stream = null;
                return e.Message;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }

    private FileStream Open()
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path, options);
    }
}
