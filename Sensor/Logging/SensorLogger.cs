using Sensor.Platform.Logging;

namespace Sensor.Logging;

/// <summary>
/// The agent's one logger. Every message goes to the system log when the OS gives this process one (the journal,
/// with <c>&lt;N&gt;</c> priorities, when systemd connected stderr to it; the Windows event log for a service),
/// otherwise to stderr as timestamped lines; and also to <c>log_file</c> when the configuration names one.
/// Secrets registered with <see cref="AddSecret"/> (the installation key, the credential) are replaced by
/// <c>[redacted]</c> in every message before it goes anywhere: nothing logs them on purpose, and this makes sure
/// an exception text quoting a request cannot either.
/// </summary>
public sealed class SensorLogger : IDisposable
{
    public const string Redacted = "[redacted]";

    private readonly TextWriter _stderr;
    private readonly bool _systemLog;
    private readonly Lock _lock = new();
    private string[] _secrets = [];
    private RotatingLogFile? _file;
    private bool _fileFailed;

    public SensorLogger(TextWriter stderr, bool useSystemLog = true)
    {
        _stderr = stderr;
        _systemLog = useSystemLog && Os.SystemLogAvailable;
    }

    /// <summary>Where messages go, for <c>sensor health</c>: <c>journal</c>/<c>event log</c>/<c>stderr</c>, and the file.</summary>
    public string Destinations => (_systemLog ? "system log" : "stderr") + (_file is null ? "" : $" + {_file.Path}");

    /// <summary>Also writes to <paramref name="path"/>, rotated at <paramref name="maxBytes"/>.</summary>
    public void OpenFile(string path, long maxBytes)
    {
        _file?.Dispose();
        _file = new RotatingLogFile(path, maxBytes);
    }

    public void AddSecret(string? secret)
    {
        // Very short strings would redact ordinary words; real keys and credentials are long.
        if (secret is { Length: >= 8 })
        {
            lock (_lock)
            {
                _secrets = [.. _secrets, secret];
            }
        }
    }

    public void Info(string message) => Log(LogSeverity.Info, message);

    public void Warning(string message) => Log(LogSeverity.Warning, message);

    public void Error(string message) => Log(LogSeverity.Error, message);

    public void Log(LogSeverity severity, string message)
    {
        foreach (string secret in _secrets)
        {
            message = message.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        string line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Name(severity)}: {message}";
        if (_systemLog)
        {
            Os.WriteSystemLog(severity, message);
        }
        else
        {
            lock (_stderr)
            {
                _stderr.WriteLine(line);
                _stderr.Flush();
            }
        }

        if (_file is { } file && file.WriteLine(line) is { } failure && !_fileFailed)
        {
            _fileFailed = true;
            lock (_stderr)
            {
                _stderr.WriteLine($"sensor: cannot write the log file {file.Path}: {failure}");
            }
        }
    }

    public void Dispose() => _file?.Dispose();

    private static string Name(LogSeverity severity) => severity switch
    {
        LogSeverity.Error => "error",
        LogSeverity.Warning => "warning",
        LogSeverity.Notice => "notice",
        _ => "info",
    };
}
