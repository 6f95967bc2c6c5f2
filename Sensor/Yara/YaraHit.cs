namespace Sensor.Yara;

/// <summary>A rule that matched a target: the YR_RULE* (valid while the rules live) and its lowest match address.</summary>
public readonly record struct YaraHit(nint Rule, ulong FirstMatchAddress, bool HasMatchAddress);
