using BenchmarkDotNet.Attributes;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Benchmarks;

/// <summary>
/// dir_list's walk (getdents64, names matched as bytes, no allocation per entry) against
/// <see cref="Directory.EnumerateFiles(string, string, EnumerationOptions)"/> over the same tree.
/// </summary>
[MemoryDiagnoser]
public class DirectoryWalkBenchmarks
{
    private string _root = "";
    private byte[] _rootBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "sensor-bench-walk");
        if (!Directory.Exists(_root))
        {
            for (int d = 0; d < 20; d++)
            {
                for (int s = 0; s < 10; s++)
                {
                    string dir = Path.Combine(_root, $"d{d}", $"s{s}");
                    Directory.CreateDirectory(dir);
                    for (int f = 0; f < 100; f++)
                    {
                        File.WriteAllText(Path.Combine(dir, $"f{f}.{(f % 8 == 0 ? "dll" : "txt")}"), "");
                    }
                }
            }
        }

        _rootBytes = Utf8Path.From(_root);
    }

    [Benchmark(Baseline = true)]
    public int DotNetEnumerateFiles()
    {
        int count = 0;
        foreach (string _ in Directory.EnumerateFiles(_root, "*.dll", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            count++;
        }

        return count;
    }

    [Benchmark]
    public long SensorWalkNamesOnly()
    {
        var walker = new DirectoryWalker(10, "*.dll"u8);
        var counter = new Counter();
        walker.Walk(_rootBytes, ref counter);
        return counter.Count;
    }

    /// <summary>dir_list's configuration: a helper thread shares the directories, every match is stat'ed.</summary>
    [Benchmark]
    public long SensorWalkTwoThreadsWithStat()
    {
        var walker = new DirectoryWalker(10, "*.dll"u8) { Threads = 2, StatMatches = true };
        var counter = new Counter();
        walker.Walk(_rootBytes, ref counter);
        return counter.Count;
    }

    private struct Counter : IWalkVisitor
    {
        public long Count;

        public bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry)
        {
            Count++;
            return true;
        }
    }
}
