namespace Sensor.Scanning;

/// <summary>A pattern found in a block: where it starts in the block, and which pattern of the set it is.</summary>
public readonly record struct NeedleMatch(int Offset, int PatternIndex);
