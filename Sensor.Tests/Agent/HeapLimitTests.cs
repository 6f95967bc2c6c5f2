using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

/// <summary>
/// The GC heap hard limit baked into the Native AOT binary, and what happens when a task runs into it: the real AOT
/// agent, a real server on loopback, a real file_get whose reply needs more than the (lowered) limit.
/// </summary>
[Platform("Linux")]
[NonParallelizable]
public sealed class HeapLimitTests
{
    /// <summary>What Sensor.csproj bakes in (docs/configuration.md, "Memory").</summary>
    private const long BakedLimit = 512L * 1024 * 1024;

    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sensor-heap-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static Process Start(string binary, IDictionary<string, string> environment, StringBuilder output, params string[] arguments)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Test]
    public void AotBinary_ReportsTheBakedHeapHardLimit()
    {
        var output = new StringBuilder();
        using Process health = Start(AotBinary.Path, new Dictionary<string, string>(), output, "health", "--json", "--config", Path.Combine(_dir, "none.json"));
        Assert.That(health.WaitForExit(60_000), Is.True);
        health.WaitForExit();
        using JsonDocument report = JsonDocument.Parse(output.ToString());
        Assert.That(report.RootElement.GetProperty("heap_hard_limit_bytes").GetInt64(), Is.EqualTo(BakedLimit));
    }

    [Test]
    public async Task AotAgent_TaskAllocatesPastTheLimit_ErrorEightAndTheAgentServesTheNextTask()
    {
        await using ServerTestBed bed = await ServerTestBed.StartAsync();
        string config = AgentConfigFile.Write(_dir, bed.Port, bed.Pin.ToString(), bed.InstallationKey);
        string file = Path.Combine(_dir, "ten-mib.bin");
        File.WriteAllBytes(file, System.Security.Cryptography.RandomNumberGenerator.GetBytes(10 * 1024 * 1024));

        // 16 MiB (hexadecimal 1000000) instead of the baked 512 MiB (the variable overrides the baked value): a 10 MiB file_get reply
        // cannot fit beside the agent's own heap, while everything else the agent does still can.
        var output = new StringBuilder();
        using Process agent = Start(AotBinary.Path, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "1000000" }, output,
            "run", "--config", config);
        try
        {
            await ChannelTestBed.WaitUntilAsync(() => bed.Server.Sensors().Any() && bed.Host!.Registry.IsConnected(bed.Server.Sensors().First().Sid),
                "enrollment", 60);
            string sid = bed.Server.Sensors().Single().Sid;

            bed.Host!.Tasks.Submit(sid, $"file_get -s {10 * 1024 * 1024} '{file}'", "case/heap/1", 3600);
            JsonElement big = await ReplyAsync(bed, "FILE_GET_REP");
            Assert.That(big.GetProperty("ERROR").GetInt32(), Is.EqualTo(8), output.ToString());
            Assert.That(big.GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("memory"));

            bed.Host.Tasks.Submit(sid, $"file_hash '{file}'", "case/heap/2", 3600);
            JsonElement next = await ReplyAsync(bed, "FILE_HASH_REP");
            Assert.That(next.GetProperty("ERROR").GetInt32(), Is.Zero, output.ToString());
            Assert.That(next.GetProperty("HASH").GetString(), Is.EqualTo(ToolOutput.Run("sha256sum", file).Split(' ')[0]));
            Assert.That(agent.HasExited, Is.False, output.ToString());
        }
        finally
        {
            agent.Kill();
            agent.WaitForExit(10_000);
        }
    }

    private static async Task<JsonElement> ReplyAsync(ServerTestBed bed, string eventType)
    {
        JsonElement? found = null;
        await ChannelTestBed.WaitUntilAsync(() =>
        {
            found = bed.StoredEvents().Where(e => ServerTestBed.EventType(e) == eventType).Select(e => (JsonElement?)e).FirstOrDefault();
            return found is not null;
        }, eventType, 60);
        return found!.Value.GetProperty("data").GetProperty("event");
    }
}
