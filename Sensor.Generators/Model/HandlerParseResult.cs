namespace Sensor.Generators.Model;

/// <summary>
/// What the parser made of one <c>[Command]</c> class: the spec when the handler is usable (null otherwise, so the
/// emitted table always compiles), its diagnostics, and its key for the table-wide checks.
/// </summary>
internal sealed record HandlerParseResult(CommandSpec? Spec, CommandKey? Key, EquatableArray<DiagnosticInfo> Diagnostics);
