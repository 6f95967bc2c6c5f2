namespace Sensor.Scanning;

/// <summary>
/// What one thread found in one unit of a multi-threaded string search: its hits (<see cref="HitCount"/> of the
/// thread's list from <see cref="HitStart"/>), its read faults, and how the unit ended. Kept only for units with
/// something to report; a unit without one was read whole and held nothing.
/// </summary>
public readonly record struct StringSearchSegment(int Sequence, int HitStart, int HitCount, int RegionsSkipped, ScanStopReason StopReason, int Error);
