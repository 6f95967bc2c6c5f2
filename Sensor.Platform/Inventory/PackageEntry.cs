namespace Sensor.Platform.Inventory;

/// <summary>An installed software package.</summary>
/// <param name="Source">The database it came from: <c>dpkg</c>, <c>rpm</c>, <c>msi</c> ...</param>
public readonly record struct PackageEntry(string Name, string Version, string Architecture, string Source);
