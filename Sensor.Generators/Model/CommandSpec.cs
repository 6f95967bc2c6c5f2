namespace Sensor.Generators.Model;

/// <summary>One handler as the emitter needs it: plain values, no symbols, equatable for the pipeline's cache.</summary>
internal sealed record CommandSpec(
    string Name,
    int Id,
    string ReplyEvent,
    int Platforms,
    string Description,
    bool Planned,
    bool Urgent,
    string TypeName,
    EquatableArray<ArgumentSpec> Arguments);
