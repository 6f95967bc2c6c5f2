using System.Text;
using System.Text.Json;
using Sensor.Commands;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Agent;

/// <summary>
/// The performance mode as the sensor reports it (get_debug_data) and as it acts: the hashing threads dir_find_hash
/// actually starts, counted and their nice values read from /proc/self/task while they run.
/// </summary>
[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed class SetPerformanceModeCommandTests
{
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sensor-perfmode-").FullName;

    [TearDown]
    public void TearDown()
    {
        ScanThrottle.IsEnabled = false;
        Directory.Delete(_root, recursive: true);
    }

    private static JsonElement Run(string command, params string[] arguments)
    {
        var (sink, context) = RecordingSink.Create();
        Assert.That(CommandRunner.Run(command, arguments, context), Is.True);
        return sink.Single().Clone();
    }

    private static bool ReportedMode() => Run("get_debug_data").GetProperty("PERFORMANCE_MODE").GetBoolean();

    /// <summary>
    /// The hash-worker threads alive at each sample while a hash of many files runs: the most at once, and the nice
    /// value each worker was last seen with (a worker lowers itself as its first step, so its very first sample may
    /// still show the value it was created with).
    /// </summary>
    private (int MostAtOnce, HashSet<int> Nices) HashAndWatchWorkers()
    {
        var files = new List<byte[]>();
        byte[] content = new byte[8 << 20];
        Random.Shared.NextBytes(content);
        for (int i = 0; i < 32; i++)
        {
            string path = Path.Combine(_root, $"f{i}");
            File.WriteAllBytes(path, content);
            files.Add(Encoding.UTF8.GetBytes(path));
        }

        int most = 0;
        var lastNice = new Dictionary<string, int>();
        Task<HashedFile[]> hashing = Task.Run(() => ParallelFiles.Hash(files, CancellationToken.None));
        while (!hashing.IsCompleted)
        {
            int alive = 0;
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != "hash-worker")
                    {
                        continue;
                    }

                    string stat = File.ReadAllText(Path.Combine(task, "stat"));
                    // Fields after "(comm)": state is field 3, nice field 19.
                    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    lastNice[task] = int.Parse(fields[19 - 3]);
                    alive++;
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read.
                }
            }

            most = Math.Max(most, alive);
        }

        HashedFile[] results = hashing.Result;
        Assert.That(results, Has.Length.EqualTo(files.Count));
        Assert.That(results.All(r => r.Error == ErrorCodes.Success), Is.True);
        return (most, lastNice.Values.ToHashSet());
    }

    [Test]
    public void Execute_EnabledThenDisabled_ReportedByGetDebugData()
    {
        Assert.That(ReportedMode(), Is.False);

        JsonElement on = Run("set_performance_mode", "--is-enabled");
        Assert.That(on.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(ReportedMode(), Is.True);

        JsonElement off = Run("set_performance_mode");
        Assert.That(off.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(ReportedMode(), Is.False);
    }

    [Test]
    public void Execute_Enabled_HashingRunsOnOneThreadAtBackgroundPriority()
    {
        var (normalMost, normalNices) = HashAndWatchWorkers();
        Assert.That(normalMost, Is.GreaterThan(1), "without the mode the files are hashed in parallel");
        Assert.That(normalNices, Is.EqualTo(new HashSet<int> { 0 }));

        Run("set_performance_mode", "--is-enabled");
        var (reducedMost, reducedNices) = HashAndWatchWorkers();
        Assert.That(reducedMost, Is.EqualTo(ScanThrottle.ReducedWorkers));
        Assert.That(reducedNices, Is.EqualTo(new HashSet<int> { Sensor.Platform.Linux.LinuxHost.BackgroundNice }));

        Run("set_performance_mode");
        var (againMost, againNices) = HashAndWatchWorkers();
        Assert.That(againMost, Is.GreaterThan(1));
        Assert.That(againNices, Is.EqualTo(new HashSet<int> { 0 }));
    }

    [Test]
    public void Workers_Enabled_EveryScanKnobReduced()
    {
        Assert.That(ScanThrottle.Workers(16), Is.EqualTo(16));
        ScanThrottle.IsEnabled = true;
        Assert.That(ScanThrottle.Workers(16), Is.EqualTo(1));
        Assert.That(ScanThrottle.Workers(0), Is.EqualTo(1));
    }
}
