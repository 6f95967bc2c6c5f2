using System.Text.Json;
using Sensor.Commands;
using Sensor.Events;
using Sensor.Runtime;
using Sensor.Tests.Support;
using Sensor.Yara;

namespace Sensor.Tests.Yara;

[Platform("Linux")]
[NonParallelizable]
public sealed class ContinuousYaraScannerTests
{
    private string _dir = "";
    private string _savedState = "";

    [SetUp]
    public void SetUp()
    {
        _dir = CommandHarness.TempDirectory("yara-continuous");
        _savedState = ProtectedPaths.StateDirectory;
        ProtectedPaths.StateDirectory = Path.Combine(_dir, "state");
    }

    [TearDown]
    public void TearDown()
    {
        ContinuousYaraScanner.Hosted?.Dispose();
        ContinuousYaraScanner.Hosted = null;
        ProtectedPaths.StateDirectory = _savedState;
        CommandHarness.DeleteTree(_dir);
    }

    [Test]
    public void Start_NewProcessAndWatchedDirectory_DetectionsWithoutInvestigationId()
    {
        string watched = Path.Combine(_dir, "watched");
        Directory.CreateDirectory(watched);
        File.WriteAllText(Path.Combine(watched, "hit.bin"), "xx " + SecretChild.SecretA + " xx");
        File.WriteAllText(Path.Combine(watched, "miss.bin"), "nothing");
        Assert.That(YaraCompiler.Compile($"rule Secret {{ strings: $a = \"{SecretChild.SecretA}\" condition: $a }}", out YaraRules? rules, out string? message), Is.Zero, message);

        var sink = new RecordingSink();
        var routing = new RoutingInfo { Hostname = "test", InvestigationId = [1, 2, 3] };
        var options = new ContinuousScanOptions
        {
            ProcessPollInterval = TimeSpan.FromMilliseconds(200),
            Directories = [(watched, 1, "*.bin")],
            ScanExistingProcesses = false,
        };
        using var scanner = new ContinuousYaraScanner(sink, routing, options);
        scanner.Start(rules!);
        WaitFor(() => scanner.Passes >= 1);
        using var child = new SecretChild(); // appears after the first pass: a new process
        WaitFor(() => scanner.ProcessesScanned >= 1 && scanner.Detections >= 2);
        scanner.Stop();

        List<JsonDocument> events = sink.Events;
        var detections = events.Select(e => e.RootElement).ToList();
        Assert.That(detections.All(d => !d.GetProperty("routing").TryGetProperty("investigation_id", out _)), Is.True);
        var bodies = detections.Select(d => d.GetProperty("event")).ToList();
        Assert.That(bodies.Count(b => b.TryGetProperty("PROCESS_ID", out JsonElement pid) && pid.GetInt32() == child.Pid), Is.EqualTo(1));
        Assert.That(bodies.Count(b => b.TryGetProperty("FILE_PATH", out JsonElement p) && p.GetString()!.EndsWith("hit.bin", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(bodies.All(b => b.GetProperty("RULE_NAME").GetString() == "Secret"), Is.True);
        Assert.That(scanner.IsRunning, Is.False);
    }

    [Test]
    public void YaraUpdate_StoresRules0600_StartsHostedScanner_EmptyRuleStops()
    {
        var sink = new RecordingSink();
        ContinuousYaraScanner.Hosted = new ContinuousYaraScanner(sink, new RoutingInfo(), new ContinuousScanOptions { ScanExistingProcesses = false });
        JsonElement receipt = CommandHarness.RunSingle("yara_update", "rule Stored { condition: false }");
        Assert.That(receipt.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(File.ReadAllText(YaraRuleStore.FilePath), Is.EqualTo("rule Stored { condition: false }"));
        Assert.That(OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(YaraRuleStore.FilePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(ContinuousYaraScanner.Hosted.IsRunning, Is.True);

        JsonElement bad = CommandHarness.RunSingle("yara_update", "rule Bad { condition: $nope }");
        Assert.That(bad.GetProperty("ERROR").GetInt32(), Is.EqualTo(50));
        Assert.That(File.ReadAllText(YaraRuleStore.FilePath), Is.EqualTo("rule Stored { condition: false }"), "a failed update keeps the old rules");

        JsonElement stop = CommandHarness.RunSingle("yara_update", "");
        Assert.That(stop.GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(ContinuousYaraScanner.Hosted.IsRunning, Is.False);
        Assert.That(File.Exists(YaraRuleStore.FilePath), Is.False);
    }

    private static void WaitFor(Func<bool> condition)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(end), "timed out");
            Thread.Sleep(50);
        }
    }
}
