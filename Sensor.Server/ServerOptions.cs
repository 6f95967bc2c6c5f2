namespace Sensor.Server;

public sealed record ServerOptions
{
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a sensor may stay silent (it pings every 30 s by default).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The fallback listing of a connected sensor's task directory. Tasks queued through this server (API, CLI) wake
    /// the session at once; the poll only finds tasks written by another process, and revocations made there.
    /// </summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The file the hold-before-write fault writes (<c>SID SEQ</c>) in the server directory when it holds.</summary>
    public const string HoldMarkerFile = "fault-holding";

    /// <summary>
    /// Fault injection for the crash tests: the Nth event this process receives is not written; the session holds
    /// there (after writing <see cref="HoldMarkerFile"/>) until the test kills the process.
    /// </summary>
    public int? HoldBeforeWriteEvent { get; init; }

    /// <summary>Fault injection for the crash tests: kill the process right after this many events were written.</summary>
    public int? CrashAfterEvents { get; init; }

    /// <summary>Fault injection: forget task acknowledgements, as if the server died before recording them.</summary>
    public bool IgnoreTaskAcks { get; init; }

    /// <summary>
    /// Fault injection for the tests: called with (sid, sequence) after an event is received and before it is written;
    /// an exception here stands for a failed write (the connection closes and the event is not acknowledged).
    /// </summary>
    public Action<string, ulong>? BeforeEventWrite { get; init; }

    /// <summary>
    /// Reads the fault-injection settings from <c>SENSOR_SERVER_FAULT</c>
    /// (<c>crash-after-events=N,hold-before-write=N,ignore-task-acks</c>).
    /// </summary>
    public static ServerOptions FromEnvironment()
    {
        var options = new ServerOptions();
        string? fault = Environment.GetEnvironmentVariable("SENSOR_SERVER_FAULT");
        foreach (string part in (fault ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("crash-after-events=", StringComparison.Ordinal) && int.TryParse(part.AsSpan(19), out int n))
            {
                options = options with { CrashAfterEvents = n };
            }
            else if (part.StartsWith("hold-before-write=", StringComparison.Ordinal) && int.TryParse(part.AsSpan(18), out int hold))
            {
                options = options with { HoldBeforeWriteEvent = hold };
            }
            else if (part == "ignore-task-acks")
            {
                options = options with { IgnoreTaskAcks = true };
            }
        }

        return options;
    }
}
