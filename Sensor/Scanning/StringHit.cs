namespace Sensor.Scanning;

/// <summary>A needle found in a process: its address and which pattern (<see cref="NeedleSet.NeedleOf"/>, <see cref="NeedleSet.IsWide"/>).</summary>
public readonly record struct StringHit(ulong Address, int PatternIndex);
