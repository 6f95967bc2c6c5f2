namespace Sensor.Generators.Model;

/// <summary>What the table-wide checks (duplicate names and ids) need from every handler, valid or not.</summary>
internal sealed record CommandKey(string Name, int Id, string TypeName, LocationInfo? Location);
