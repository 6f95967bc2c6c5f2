using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;
using Sensor.Generators;

// The tests walk the pipeline's models by reflection; they never run trimmed.
#pragma warning disable IL2075

namespace Sensor.Tests.Generators;

[TestFixture]
public sealed class CommandTableGeneratorTests
{
    private const string GoldenFile = "Golden/CommandTable.g.cs.txt";

    private static readonly string[] OurTrackingNames =
    [
        TrackingNames.Commands, TrackingNames.Specs, TrackingNames.Table,
        TrackingNames.HandlerDiagnostics, TrackingNames.Keys, TrackingNames.TableDiagnostics,
    ];

    [Test]
    public void Generate_GoldenSample_MatchesGoldenFile()
    {
        GeneratorRun run = GeneratorHarness.Run(CommandTableSamples.Golden);
        string generated = GeneratorHarness.GeneratedText(run.Result);

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(GeneratorHarness.RepositoryRoot, "Sensor.Tests", GoldenFile), generated);
        }

        string golden = File.ReadAllText(Path.Combine(GeneratorHarness.RepositoryRoot, "Sensor.Tests", GoldenFile)).Replace("\r\n", "\n");
        Assert.That(generated, Is.EqualTo(golden), "run the tests with UPDATE_GOLDEN=1 to rewrite " + GoldenFile);
    }

    [Test]
    public void Generate_GoldenSample_CompilesWithoutWarnings()
    {
        GeneratorRun run = GeneratorHarness.Run(CommandTableSamples.Golden);

        Assert.That(GeneratorHarness.GeneratorDiagnostics(run.Result), Is.Empty);
        Assert.That(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void Generate_NoCommands_CompilesWithoutWarnings()
    {
        GeneratorRun run = GeneratorHarness.Run();

        Assert.That(GeneratorHarness.GeneratedText(run.Result), Does.Contain("public static partial class CommandTable"));
        Assert.That(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void Generate_UnrelatedTreeAddedAndHandlerBodyEdited_StepsCachedOrUnchanged()
    {
        GeneratorRun run = GeneratorHarness.Run(CommandTableSamples.Golden);
        Compilation compilation = run.Output;
        SyntaxTree handlers = compilation.SyntaxTrees.Single(t => t.FilePath == "Handlers0.cs");
        string edited = CommandTableSamples.Golden.Replace(
            "public static void Execute(MemFindCommand arguments, CommandContext context) => context.Ran(arguments);",
            "public static void Execute(MemFindCommand arguments, CommandContext context) => context.Ran((object)arguments);",
            StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(CommandTableSamples.Golden));

        Compilation next = compilation
            .ReplaceSyntaxTree(handlers, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, "Handlers0.cs"))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Elsewhere; internal static class Unrelated { }", GeneratorHarness.ParseOptions, "Unrelated.cs"));
        GeneratorDriverRunResult result = run.Driver.RunGenerators(next).GetRunResult();

        GeneratorRunResult generator = result.Results.Single();
        // A step with no output at all (HandlerDiagnostics, for valid handlers) is not tracked.
        string[] alwaysTracked = [TrackingNames.Commands, TrackingNames.Specs, TrackingNames.Table, TrackingNames.Keys, TrackingNames.TableDiagnostics];
        Assert.That(generator.TrackedSteps.Keys, Is.SupersetOf(alwaysTracked));
        foreach (string name in OurTrackingNames)
        {
            foreach (IncrementalGeneratorRunStep step in generator.TrackedSteps.GetValueOrDefault(name, []))
            {
                foreach ((object value, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.That(reason, Is.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), $"{name}: {value}");
                }
            }
        }

        Assert.That(
            generator.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void Generate_GoldenSample_StepOutputsHoldNoCompilerObjects()
    {
        GeneratorRun run = GeneratorHarness.Run(CommandTableSamples.Golden);

        foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in run.Result.Results.Single().TrackedSteps)
        {
            if (!OurTrackingNames.Contains(name))
            {
                continue;
            }

            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, _) in step.Outputs)
                {
                    AssertNoCompilerObjects(value, name, depth: 0);
                }
            }
        }
    }

    [TestCase("SENSOR001", """
        [Command("same", 1)] public sealed partial class A { public static void Execute(A a, CommandContext c) { } }
        [Command("same", 2)] public sealed partial class B { public static void Execute(B a, CommandContext c) { } }
        """)]
    [TestCase("SENSOR002", """
        [Command("a", 7)] public sealed partial class A { public static void Execute(A a, CommandContext c) { } }
        [Command("b", 7)] public sealed partial class B { public static void Execute(B a, CommandContext c) { } }
        """)]
    [TestCase("SENSOR003", """
        [Command("a", 1)] public sealed class A { public static void Execute(A a, CommandContext c) { } }
        """)]
    [TestCase("SENSOR003", """
        [Command("a", 1)] public sealed partial class A { public static void Execute(CommandContext c) { } }
        """)]
    [TestCase("SENSOR003", """
        [Command("a", 1, Planned = true)] public sealed partial class A { public A(int x) { } }
        """)]
    [TestCase("SENSOR004", """
        [Command("a", 1, Planned = true)] public sealed partial class A { [Option("-r", "--ratio")] public double Ratio { get; set; } }
        """)]
    [TestCase("SENSOR004", """
        [Command("a", 1, Planned = true)] public sealed partial class A { [Positional("on")] public bool On { get; set; } }
        """)]
    [TestCase("SENSOR005", """
        [Command("a", 1, Planned = true)] public sealed partial class A { [Option("offset")] public int Offset { get; set; } }
        """)]
    [TestCase("SENSOR005", """
        [Command("a", 1, Planned = true)] public sealed partial class A
        {
            [Option("-o", "--offset")] public int Offset { get; set; }
            [Option("-o", "--other")] public int Other { get; set; }
        }
        """)]
    [TestCase("SENSOR005", """
        [Command("a", 1, Planned = true)] public sealed partial class A { [Option("-h", "--host")] public string Host { get; set; } = ""; }
        """)]
    [TestCase("SENSOR006", """
        [Command("a", 1, Planned = true)] public sealed partial class A
        {
            [Positional("atom")] public string[] Atoms { get; set; } = [];
            [Positional("last")] public string Last { get; set; } = "";
        }
        """)]
    [TestCase("SENSOR006", """
        [Command("a", 1, Planned = true)] public sealed partial class A
        {
            [Positional("maybe", Optional = true)] public string? Maybe { get; set; }
            [Positional("last")] public string Last { get; set; } = "";
        }
        """)]
    [TestCase("SENSOR007", """
        [Command("a", -1)] public sealed partial class A { public static void Execute(A a, CommandContext c) { } }
        """)]
    public void Generate_BadHandler_ReportsDiagnostic(string id, string handlers)
    {
        GeneratorRun run = GeneratorHarness.Run("using Sensor.Commands;\n" + handlers);

        Assert.That(run.Result.Results.Single().Exception, Is.Null);
        Diagnostic[] reported = [.. GeneratorHarness.GeneratorDiagnostics(run.Result)];
        Assert.That(reported.Select(d => d.Id), Does.Contain(id));
        Assert.That(reported.Where(d => d.Id == id).Select(d => d.Severity), Is.All.EqualTo(DiagnosticSeverity.Error));
        // Locations are rebuilt from plain values (the pipeline holds no syntax trees), so they point by path.
        Assert.That(reported.Where(d => d.Id == id).Select(d => d.Location.GetLineSpan().Path), Is.All.EqualTo("Handlers0.cs"));

        // Whatever was left out, the table that was emitted still compiles.
        Assert.That(
            run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true),
            Is.Empty);
    }

    [TestCase("""[Command(null!, 1)] public sealed partial class A { public static void Execute(A a, CommandContext c) { } }""")]
    [TestCase("""[Command("a")] public sealed partial class A { }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public sealed partial class A { [Option] public int X { get; set; } }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public sealed partial class A { [Option(null!)] public int X { get; set; } }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public sealed partial class A { [Positional(null!)] public int X { get; set; } }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public sealed partial class A { [Option("-x")] public int X { get; } }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public sealed partial class A<T> { }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public partial struct A { }""")]
    [TestCase("""[Command("a", 1, Planned = true)] public sealed partial class A { [Option("-x"), Positional("x")] public int X { get; set; } }""")]
    [TestCase("""[Command("a b-c", 1, Planned = true, Description = "quote \" and\nnewline")] public sealed partial class A { }""")]
    public void Generate_MalformedHandler_DoesNotThrowAndTableCompiles(string handlers)
    {
        GeneratorRun run = GeneratorHarness.Run("using Sensor.Commands;\n" + handlers);

        Assert.That(run.Result.Results.Single().Exception, Is.Null);
        Assert.That(
            run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true),
            Is.Empty);
    }

    private static void AssertNoCompilerObjects(object? value, string step, int depth)
    {
        if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.That(
            value is ISymbol or Compilation or SemanticModel or SyntaxNode or SyntaxTree or Location,
            Is.False,
            $"step {step} holds a {value.GetType()}");
        if (value is DiagnosticDescriptor)
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                AssertNoCompilerObjects(item, step, depth + 1);
            }

            return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.DeclaringType?.Namespace?.StartsWith("Sensor", StringComparison.Ordinal) == true)
            {
                AssertNoCompilerObjects(property.GetValue(value), step, depth + 1);
            }
        }
    }
}
