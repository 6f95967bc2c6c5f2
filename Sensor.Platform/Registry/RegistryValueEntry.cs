namespace Sensor.Platform.Registry;

/// <summary>A value of a registry key: its name (empty for the default value) and REG_* type number.</summary>
public readonly record struct RegistryValueEntry(string Name, int Type);
