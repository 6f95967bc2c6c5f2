namespace Sensor.Platform.Inventory;

/// <summary>Something that starts code at boot or login.</summary>
/// <param name="Location">Where it was found: the file (or registry key) that names it.</param>
/// <param name="Kind">What kind of place: <c>systemd</c>, <c>cron</c>, <c>rc.local</c>, <c>profile.d</c> ...</param>
/// <param name="Executable">The program it starts, as an absolute path when one could be determined, else empty.</param>
/// <param name="Command">The command line or entry as written.</param>
public readonly record struct AutorunEntry(string Location, string Kind, string Executable, string Command);
