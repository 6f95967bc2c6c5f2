using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using NUnit.Framework;

// The tests load the generated sample in memory and drive it by reflection; they never run trimmed.
#pragma warning disable IL2026, IL2075, IL2080

namespace Sensor.Tests.Generators;

/// <summary>
/// The behaviour of the generated parsers and dispatch: the golden sample is generated, compiled and loaded in memory,
/// then driven through a probe that takes arrays (reflection cannot pass a ReadOnlySpan).
/// </summary>
[TestFixture]
public sealed class GeneratedCommandTableTests
{
    private const int Windows = 1;
    private const int Linux = 2;
    private const int MacOS = 4;

    private AssemblyLoadContext? _context;
    private Type _probe = null!;
    private Type _table = null!;

    [OneTimeSetUp]
    public void LoadSample()
    {
        GeneratorRun run = GeneratorHarness.Run(CommandTableSamples.Golden);
        using var image = new MemoryStream();
        EmitResult emitted = run.Output.Emit(image);
        Assert.That(emitted.Success, Is.True, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        _context = new AssemblyLoadContext("GeneratedCommandTable", isCollectible: true);
        Assembly assembly = _context.LoadFromStream(image);
        _probe = assembly.GetType("Sensor.Commands.Probe", throwOnError: true)!;
        _table = assembly.GetType("Sensor.Commands.CommandTable", throwOnError: true)!;
    }

    [OneTimeTearDown]
    public void Unload() => _context?.Unload();

    [TestCase("dir_find", "-h")]
    [TestCase("dir_find", "--help")]
    [TestCase("mem_find", "--hash", "h", "x", "-h")]
    public void Execute_Help_RepliesHelp(string name, params string[] arguments)
    {
        Assert.That(Run(name, arguments).Outcome, Is.EqualTo("help"));
        Assert.That(Validate(name, arguments), Is.Null);
    }

    [Test]
    public void Execute_Positionals_FillsPropertiesInOrder()
    {
        Result result = Run("dir_find", "/tmp", "*.log");

        Assert.That(result.Outcome, Is.EqualTo("ran"));
        Assert.That(result.Get("RootDir"), Is.EqualTo("/tmp"));
        Assert.That(result.Get("FileExp"), Is.EqualTo("*.log"));
        Assert.That(result.Get("Depth"), Is.EqualTo(5));
        Assert.That(result.Get("Limit"), Is.Null);
    }

    [Test]
    public void Execute_LongOptionWithEquals_TakesInlineValue()
    {
        Result result = Run("dir_find", "--depth=9", "/", "x");

        Assert.That(result.Get("Depth"), Is.EqualTo(9));
    }

    [Test]
    public void Execute_OptionFollowedByNegativeNumber_TakesItAsValue()
    {
        Result result = Run("mem_find", "-p", "-1", "--hash", "h", "atom1");

        Assert.That(result.Outcome, Is.EqualTo("ran"));
        Assert.That(result.Get("Pid"), Is.EqualTo(-1));
    }

    [Test]
    public void Execute_NegativeNumberToken_IsPositional()
    {
        Result result = Run("dir_find", "/", "x", "-1");

        Assert.That(result.Outcome, Is.EqualTo("ran"));
        Assert.That(result.Get("Limit"), Is.EqualTo(-1));
    }

    [Test]
    public void Execute_MissingPositionals_NamesThemAll()
    {
        Assert.That(Run("dir_find", "-d", "2").Outcome, Is.EqualTo("error: the following arguments are required: rootDir, fileExp"));
        Assert.That(Validate("dir_find", "-d", "2"), Is.EqualTo("the following arguments are required: rootDir, fileExp"));
    }

    [Test]
    public void Execute_MissingRequiredOptionAndList_NamesBoth()
    {
        Assert.That(Validate("mem_find", "-p", "4"), Is.EqualTo("the following arguments are required: --hash, atom"));
    }

    [Test]
    public void Execute_UnknownOption_IsError()
    {
        Assert.That(Validate("dir_find", "--bogus", "/", "x"), Is.EqualTo("unrecognized arguments: --bogus"));
    }

    [TestCase("abc", "argument -d/--depth: invalid int value: 'abc'")]
    [TestCase("99999999999", "argument -d/--depth: invalid int value: '99999999999'")]
    [TestCase("1.5", "argument -d/--depth: invalid int value: '1.5'")]
    public void Execute_InvalidInt_IsArgparseError(string value, string expected)
    {
        Assert.That(Validate("dir_find", "-d", value, "/", "x"), Is.EqualTo(expected));
    }

    [Test]
    public void Execute_InvalidPositionalInt_NamesPositional()
    {
        Assert.That(Validate("mem_read", "pid", "10", "4"), Is.EqualTo("argument pid: invalid int value: 'pid'"));
    }

    [Test]
    public void Execute_OptionWithoutValue_ExpectsOneArgument()
    {
        Assert.That(Validate("dir_find", "/", "x", "-d"), Is.EqualTo("argument -d/--depth: expected one argument"));
    }

    [TestCase("0x7ff0", 0x7ff0UL)]
    [TestCase("7FF0", 0x7ff0UL)]
    [TestCase("0XFFFFFFFFFFFFFFFF", ulong.MaxValue)]
    public void Execute_HexOption_AcceptsWithAndWithoutPrefix(string value, ulong expected)
    {
        Result result = Run("mem_find", "-b", value, "--hash", "h", "a");

        Assert.That(result.Get("BaseAddress"), Is.EqualTo(expected));
    }

    [TestCase("0x10", 16L)]
    [TestCase("-0x10", -16L)]
    public void Execute_HexSignedOption_AcceptsSign(string value, long expected)
    {
        Assert.That(Run("mem_find", "-l", value, "--hash", "h", "a").Get("Length"), Is.EqualTo(expected));
    }

    [Test]
    public void Execute_HexInvalid_IsError()
    {
        Assert.That(Validate("mem_find", "-b", "0xZZ", "--hash", "h", "a"), Is.EqualTo("argument -b/--base-address: invalid int value: '0xZZ'"));
    }

    [Test]
    public void Execute_OneOrMore_StopsAtNextOption()
    {
        Result result = Run("mem_find", "-s", "alpha", "beta", "--is-no-modules", "--hash", "h", "a");

        Assert.That(result.Get("Strings"), Is.EqualTo(new[] { "alpha", "beta" }));
        Assert.That(result.Get("NoModules"), Is.EqualTo(true));
        Assert.That(result.Get("Atoms"), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Execute_OneOrMoreWithoutValue_IsError()
    {
        Assert.That(Validate("mem_find", "-s", "--hash", "h", "a"), Is.EqualTo("argument -s/--string: expected at least one argument"));
    }

    [Test]
    public void Execute_RepeatedOption_Appends()
    {
        Result result = Run("mem_find", "--hash", "h1", "--hash=h2", "a", "b");

        Assert.That(result.Get("Hashes"), Is.EqualTo(new[] { "h1", "h2" }));
        Assert.That(result.Get("Atoms"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(result.Get("Strings"), Is.Empty);
    }

    [Test]
    public void Execute_FlagWithInlineValue_IsError()
    {
        Assert.That(Validate("mem_find", "--is-no-modules=1", "--hash", "h", "a"), Is.EqualTo("argument --is-no-modules: ignored explicit argument '1'"));
    }

    [Test]
    public void Execute_TooManyPositionals_ListsThem()
    {
        Assert.That(Run("dir_find", "/", "x", "3", "four", "five").Outcome, Is.EqualTo("error: unrecognized arguments: four five"));
    }

    [Test]
    public void Execute_DoubleDash_EndsOptions()
    {
        Result result = Run("mem_find", "--hash", "h", "-s", "a", "--", "-x", "-h");

        Assert.That(result.Outcome, Is.EqualTo("ran"));
        Assert.That(result.Get("Strings"), Is.EqualTo(new[] { "a" }));
        Assert.That(result.Get("Atoms"), Is.EqualTo(new[] { "-x", "-h" }));
    }

    [Test]
    public void Execute_UnsupportedHostPlatform_RepliesNotSupported()
    {
        Assert.That(Run("mem_find", MacOS, "--hash", "h", "a").Outcome, Is.EqualTo("not supported"));
        Assert.That(Run("mem_find", Windows, "--hash", "h", "a").Outcome, Is.EqualTo("ran"));
    }

    [Test]
    public void Execute_Planned_ParsesThenRepliesNotImplemented()
    {
        Assert.That(Run("mem_read", "-1", "0x10", "4").Outcome, Is.EqualTo("not implemented"));
        Assert.That(Run("mem_read", "1", "0x10").Outcome, Is.EqualTo("error: the following arguments are required: memSize"));
    }

    [Test]
    public void Execute_UnknownName_ReturnsFalse()
    {
        Assert.That(Run("no_such_command").Outcome, Is.EqualTo("unknown"));
        Assert.That(Validate("no_such_command"), Is.EqualTo("unknown command 'no_such_command'"));
    }

    [Test]
    public void ExecuteById_KnownId_Dispatches()
    {
        object context = _probe.GetMethod("RunById")!.Invoke(null, [3, new[] { "/", "x" }, Linux])!;

        Assert.That(new Result(context).Outcome, Is.EqualTo("ran"));
    }

    [Test]
    public void All_SortedByName_WithIdsAndFlags()
    {
        var all = (System.Collections.IEnumerable)_table.GetProperty("All")!.GetValue(null)!;
        object[] rows = [.. all.Cast<object>()];

        Assert.That(rows.Select(r => Property(r, "Name")), Is.EqualTo(new[] { "dir_find", "mem_find", "mem_read" }));
        Assert.That(rows.Select(r => Property(r, "Id")), Is.EqualTo(new[] { 3, 12, 20 }));
        Assert.That(rows.Select(r => Property(r, "Implemented")), Is.EqualTo(new[] { true, true, false }));
        Assert.That(rows.Select(r => Property(r, "Urgent")), Is.EqualTo(new[] { false, false, true }));
        Assert.That(_table.GetField("MemFindId")!.GetValue(null), Is.EqualTo(12));
    }

    [Test]
    public void Find_ByNameAndId_ReturnsSameDescriptor()
    {
        object? byName = _table.GetMethod("Find", [typeof(string)])!.Invoke(null, ["mem_read"]);
        object? byId = _table.GetMethod("Find", [typeof(int)])!.Invoke(null, [20]);

        Assert.That(byName, Is.Not.Null);
        Assert.That(byId, Is.SameAs(byName));
        Assert.That(_table.GetMethod("Find", [typeof(int)])!.Invoke(null, [999]), Is.Null);
    }

    [Test]
    public void Usage_FileGetStyle_MatchesArgparse()
    {
        object descriptor = _table.GetMethod("Find", [typeof(string)])!.Invoke(null, ["dir_find"])!;

        Assert.That(Property(descriptor, "Usage"), Is.EqualTo("usage: dir_find [-h] [-d DEPTH] rootDir fileExp [limit]"));
    }

    private Result Run(string name, params string[] arguments) => Run(name, Linux, arguments);

    private Result Run(string name, int hostPlatform, params string[] arguments) =>
        new(_probe.GetMethod("Run")!.Invoke(null, [name, arguments, hostPlatform])!);

    private string? Validate(string name, params string[] arguments) =>
        (string?)_probe.GetMethod("Validate")!.Invoke(null, [name, arguments]);

    private static object? Property(object target, string name) => target.GetType().GetProperty(name)!.GetValue(target);

    /// <summary>What the stub context recorded: the outcome and, when the handler ran, its parsed arguments.</summary>
    private sealed class Result(object context)
    {
        public string Outcome => (string)Property(context, "Outcome")!;

        public object? Get(string property)
        {
            object arguments = Property(context, "Arguments") ?? throw new AssertionException("the handler did not run: " + Outcome);
            return Property(arguments, property);
        }
    }
}
