namespace Sensor.Platform.Handles;

/// <summary>An open handle of a process: its value, object type (<c>File</c>, <c>Key</c>, <c>Mutant</c> ...) and name.</summary>
public readonly record struct HandleEntry(int ProcessId, ulong Value, string Type, string Name);
