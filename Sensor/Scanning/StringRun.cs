namespace Sensor.Scanning;

/// <summary>A string whose text was copied aside (it began in an earlier block, or was UTF-16 and narrowed).</summary>
public readonly record struct StringRun(ulong Address, int Offset, int Length);
