using System.Diagnostics;

namespace Sensor.Tests.Support;

/// <summary>
/// The Native AOT sensor binary, for tests of what only the published binary has (the baked-in GC heap limit):
/// <c>SENSOR_AOT_BINARY</c> when set; else <c>dist/linux-x64/sensor</c> (what <c>./build.sh publish</c> writes)
/// when it is newer than every source file; else a publish into a temporary directory, once per test run.
/// </summary>
public static class AotBinary
{
    private static readonly Lazy<string> Published = new(Find);

    public static string Path => Published.Value;

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("SENSOR_AOT_BINARY") is { Length: > 0 } given)
        {
            return given;
        }

        string root = Sensor.Tests.Generators.GeneratorHarness.RepositoryRoot;
        string dist = System.IO.Path.Combine(root, "dist", "linux-x64", "sensor");
        DateTime newestSource = new[] { "Sensor", "Sensor.Platform", "Sensor.Platform.Linux", "Sensor.Generators" }
            .SelectMany(d => Directory.EnumerateFiles(System.IO.Path.Combine(root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".csproj")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Max(File.GetLastWriteTimeUtc);
        if (File.Exists(dist) && File.GetLastWriteTimeUtc(dist) > newestSource)
        {
            return dist;
        }

        string output = Directory.CreateTempSubdirectory("sensor-aot-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "publish", System.IO.Path.Combine(root, "Sensor", "Sensor.csproj"), "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        // The AOT toolchain looks for `clang`; Debian may only have clang-NN (build.sh does the same).
        if (!File.Exists("/usr/bin/clang") && Directory.EnumerateFiles("/usr/bin", "clang-[0-9]*").Order().LastOrDefault() is { } clang)
        {
            start.ArgumentList.Add($"-p:CppCompilerAndLinker={System.IO.Path.GetFileName(clang)}");
        }

        using Process publish = Process.Start(start)!;
        Task<string> stderr = publish.StandardError.ReadToEndAsync();
        string stdout = publish.StandardOutput.ReadToEnd();
        publish.WaitForExit();
        Assert.That(publish.ExitCode, Is.Zero, $"dotnet publish failed: {stdout}{stderr.Result}");
        return System.IO.Path.Combine(output, "sensor");
    }
}
