namespace Sensor.Agent;

/// <summary>One path the start-up permission check looked at: its role, the path, and the problem (null when none).</summary>
public sealed record PermissionFinding(string Role, string Path, string? Problem);
