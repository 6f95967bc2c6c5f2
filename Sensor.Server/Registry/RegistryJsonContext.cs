using System.Text.Json.Serialization;

namespace Sensor.Server.Registry;

/// <summary>Source-generated JSON for the registry files (no reflection; Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SensorInfo))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
