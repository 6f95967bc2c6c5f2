namespace Sensor.Events;

/// <summary>
/// The routing fields that stay the same for every event of one task. <see cref="InvestigationId"/> is kept as the
/// task's raw bytes so it is copied byte for byte (it may hold <c>/</c> or anything else).
/// </summary>
public sealed class RoutingInfo
{
    public string Sid { get; set; } = "00000000-0000-0000-0000-000000000000";
    public string? Did { get; set; }
    public string Hostname { get; set; } = "";
    public byte[]? InvestigationId { get; set; }
    public int Plat { get; set; }
    public int Arch { get; set; }
    public string[]? Tags { get; set; }

    public RoutingInfo Clone() => (RoutingInfo)MemberwiseClone();
}
