namespace Sensor.Scanning;

/// <summary>
/// One chunk of a <see cref="MemoryScanPlan"/>: <see cref="Length"/> new bytes at <see cref="Address"/> in region
/// <see cref="RegionIndex"/> of the plan's listing, to be read with the <see cref="Carried"/> bytes before it (the
/// overlap the one-thread reader would have carried over from the previous chunk). <see cref="Sequence"/> is the
/// chunk's place in address order, which is the order results are merged in.
/// </summary>
public readonly record struct MemoryScanUnit(int Sequence, int RegionIndex, ulong Address, int Length, int Carried);
