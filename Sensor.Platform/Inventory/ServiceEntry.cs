namespace Sensor.Platform.Inventory;

/// <summary>A service (systemd unit, SysV script, Windows service).</summary>
/// <param name="Type">Where it is defined: <c>systemd</c>, <c>sysv</c>, or the Windows service type.</param>
/// <param name="State">Windows SERVICE_* numbering: 1 stopped, 4 running; 0 when it cannot be determined.</param>
/// <param name="StartType">How it starts: <c>enabled</c>, <c>disabled</c>, <c>static</c>, <c>masked</c> ...</param>
/// <param name="ProcessId">Its main process, 0 when none is known.</param>
/// <param name="Definition">The file that defines it.</param>
public readonly record struct ServiceEntry(
    string Name, string DisplayName, string Type, int State, string StartType, int ProcessId, string Executable, string Definition);
