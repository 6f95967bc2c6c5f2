using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sensor.Generators.Model;

namespace Sensor.Generators;

/// <summary>
/// Turns every <c>[Command]</c> handler into a row of <c>Sensor.Commands.CommandTable</c>: the descriptor, an
/// explicit argument parser, and a case of the dispatch switches. The table is one file, rebuilt only when a
/// handler's spec changes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class CommandTableGenerator : IIncrementalGenerator
{
    public const string CommandAttributeName = "Sensor.Commands.CommandAttribute";

    public const string OutputFileName = "CommandTable.g.cs";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<HandlerParseResult> handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CommandAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellation) => Parser.ParseHandler(attributeContext, cancellation))
            .WithTrackingName(TrackingNames.Commands);

        IncrementalValueProvider<CommandTableSpec> table = handlers
            .Select(static (handler, _) => handler.Spec)
            .WithTrackingName(TrackingNames.Specs)
            .Collect()
            .Select(static (specs, _) => Parser.BuildTable(specs))
            .WithTrackingName(TrackingNames.Table);

        context.RegisterSourceOutput(table, static (output, spec) => output.AddSource(OutputFileName, Emitter.Emit(spec)));

        IncrementalValuesProvider<DiagnosticInfo> handlerDiagnostics = handlers
            .SelectMany(static (handler, _) => handler.Diagnostics)
            .WithTrackingName(TrackingNames.HandlerDiagnostics);

        context.RegisterSourceOutput(handlerDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValueProvider<EquatableArray<DiagnosticInfo>> tableDiagnostics = handlers
            .Select(static (handler, _) => handler.Key)
            .WithTrackingName(TrackingNames.Keys)
            .Collect()
            .Select(static (keys, _) => Parser.FindDuplicates(keys))
            .WithTrackingName(TrackingNames.TableDiagnostics);

        context.RegisterSourceOutput(tableDiagnostics, static (output, diagnostics) =>
        {
            foreach (DiagnosticInfo diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }
}
