using Microsoft.CodeAnalysis;

namespace Sensor.Tests.Generators;

/// <summary>One run of the generator: the driver (to run again incrementally), its result, and the compilation with the output.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output);
