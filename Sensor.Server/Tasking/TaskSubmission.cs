namespace Sensor.Server.Tasking;

/// <summary>The outcome of submitting a task line: queued, or refused with an HTTP status, a message and the usage.</summary>
public sealed record TaskSubmission
{
    public int Status { get; init; } = 202;
    public string? Error { get; init; }
    public string? Usage { get; init; }
    public string TaskId { get; init; } = "";
    public string Sid { get; init; } = "";
    public string InvestigationId { get; init; } = "";
    public string Command { get; init; } = "";
    public string[] Arguments { get; init; } = [];
    public long ExpiryMs { get; init; }

    public bool Accepted => Error is null;

    public static TaskSubmission Refused(int status, string error, string? usage = null) => new() { Status = status, Error = error, Usage = usage };
}
