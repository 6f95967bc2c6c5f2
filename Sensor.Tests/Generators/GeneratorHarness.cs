using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;
using Sensor.Generators;

namespace Sensor.Tests.Generators;

/// <summary>Builds in-memory compilations of handler sources and runs the command table generator over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly string[] RuntimeSources =
    [
        "Sensor/Commands/CommandAttribute.cs",
        "Sensor/Commands/PositionalAttribute.cs",
        "Sensor/Commands/OptionAttribute.cs",
        "Sensor/Commands/CommandDescriptor.cs",
        "Sensor/Commands/ArgumentParseStatus.cs",
        "Sensor/Commands/ArgumentParsing.cs",
        "Sensor.Platform/OsFamily.cs",
    ];

    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    public static string RepositoryRoot => s_repositoryRoot.Value;

    /// <summary>The real attribute and runtime sources, the CommandContext stub, the probe, and the given handler sources.</summary>
    public static CSharpCompilation CreateCompilation(params string[] handlerSources)
    {
        var trees = new List<SyntaxTree>();
        foreach (string relative in RuntimeSources)
        {
            string path = Path.Combine(RepositoryRoot, relative);
            trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions, path));
        }

        trees.Add(CSharpSyntaxTree.ParseText(CommandTableSamples.GlobalUsings, ParseOptions, "GlobalUsings.cs"));
        trees.Add(CSharpSyntaxTree.ParseText(CommandTableSamples.CommandContextStub, ParseOptions, "CommandContext.cs"));
        trees.Add(CSharpSyntaxTree.ParseText(CommandTableSamples.Probe, ParseOptions, "Probe.cs"));
        for (int i = 0; i < handlerSources.Length; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(handlerSources[i], ParseOptions, $"Handlers{i}.cs"));
        }

        return CSharpCompilation.Create(
            "Sensor.Generated.Sample",
            trees,
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                deterministic: true));
    }

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new CommandTableGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; the result holds the generated text, the diagnostics and the updated compilation.</summary>
    public static GeneratorRun Run(params string[] handlerSources)
    {
        CSharpCompilation compilation = CreateCompilation(handlerSources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorRun(driver, driver.GetRunResult(), output);
    }

    public static string GeneratedText(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName == CommandTableGenerator.OutputFileName).SourceText.ToString();

    public static ImmutableArray<Diagnostic> GeneratorDiagnostics(GeneratorDriverRunResult result) => result.Results.Single().Diagnostics;

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "sensor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("sensor.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
