using System.Text.Json.Serialization;
using Sensor.Server.Registry;
using Sensor.Server.Tasking;

namespace Sensor.Server.Http;

/// <summary>The body of <c>POST /api/sensors/{sid}/tasks</c>.</summary>
public sealed record TaskRequest
{
    public string? Task { get; init; }
    public string? InvestigationId { get; init; }
    public int? Ttl { get; init; }
}

public sealed record TaskAccepted(string TaskId, string Sid, string InvestigationId, string Command, string[] Arguments, long ExpiryMs);

public sealed record TaskStatusReply(string TaskId, string Sid, string State);

public sealed record ApiError(string Error, string? Usage = null);

public sealed record RevokeReply(string Sid, bool Revoked);

/// <summary>Source-generated JSON for the API (no reflection; Native AOT). Names are snake_case on the wire.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskRequest))]
[JsonSerializable(typeof(TaskAccepted))]
[JsonSerializable(typeof(TaskStatusReply))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(RevokeReply))]
[JsonSerializable(typeof(SensorInfo))]
[JsonSerializable(typeof(List<SensorInfo>))]
[JsonSerializable(typeof(TaskState))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
