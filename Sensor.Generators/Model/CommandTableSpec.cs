namespace Sensor.Generators.Model;

/// <summary>The whole table: usable handlers sorted by name, at most one per name and per id.</summary>
internal sealed record CommandTableSpec(EquatableArray<CommandSpec> Commands);
