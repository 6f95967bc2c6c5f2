using Microsoft.CodeAnalysis;

namespace Sensor.Generators;

/// <summary>The generator's diagnostics: every one is an error, since a bad handler would make a bad table.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SensorGenerator";

    public static readonly DiagnosticDescriptor DuplicateCommandName = new(
        "SENSOR001", "Duplicate command name",
        "Command name '{0}' of '{1}' is already used by '{2}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateCommandId = new(
        "SENSOR002", "Duplicate command id",
        "Command id {0} of '{1}' is already used by '{2}'; wire ids are never reused",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadHandlerShape = new(
        "SENSOR003", "Bad command handler shape",
        "Command handler '{0}' {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedArgumentType = new(
        "SENSOR004", "Unsupported argument property type",
        "Argument property '{0}' of '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadOptionNames = new(
        "SENSOR005", "Bad option names",
        "Option property '{0}' of '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor PositionalNotLast = new(
        "SENSOR006", "Positional must be last",
        "Positional '{0}' of '{1}' is {2} and must be the last positional",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NegativeCommandId = new(
        "SENSOR007", "Negative command id",
        "Command id {0} of '{1}' is negative",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
