using System.Text.Json;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

/// <summary>
/// The operator's verbs against real <c>sensor run</c> processes and a real server on loopback: <c>status</c> exit
/// codes through the agent's life, <c>health</c>'s TLS probe, <c>config check</c>, and what reaches the logs.
/// </summary>
[Platform("Linux")]
[NonParallelizable]
public sealed class AgentOperationsTests
{
    private ServerTestBed _bed = null!;
    private string _dir = "";

    [SetUp]
    public async Task SetUp()
    {
        _bed = await ServerTestBed.StartAsync();
        _dir = Directory.CreateTempSubdirectory("sensor-ops-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _bed.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Config(string extra = "", string? pin = null) =>
        AgentConfigFile.Write(_dir, _bed.Port, pin ?? _bed.Pin.ToString(), _bed.InstallationKey, extra);

    private static (int Exit, string Output) RunSensor(IDictionary<string, string>? environment, params string[] arguments)
    {
        using ProcessRunner runner = ProcessRunner.Start("sensor.dll", arguments, environment);
        Assert.That(runner.Process.WaitForExit(60_000), Is.True, $"sensor {string.Join(' ', arguments)} did not finish");
        runner.Process.WaitForExit();
        return (runner.Process.ExitCode, runner.Output);
    }

    private static (int Exit, JsonElement Json) Status(string config)
    {
        var (exit, output) = RunSensor(null, "status", "--json", "--config", config);
        using JsonDocument document = JsonDocument.Parse(output);
        return (exit, document.RootElement.Clone());
    }

    private async Task<ProcessRunner> StartAgentAsync(string config)
    {
        ProcessRunner agent = ProcessRunner.Start("sensor.dll", ["run", "--config", config]);
        await ChannelTestBed.WaitUntilAsync(() => _bed.Server.Sensors().Any() && File.Exists(Path.Combine(_dir, "state", "identity.json")),
            "enrollment", 60);
        return agent;
    }

    [Test]
    public async Task Status_RealAgent_ExitCodeFollowsItsLife()
    {
        string config = Config();
        var (exit, json) = Status(config);
        Assert.That((exit, json.GetProperty("verdict").GetString()), Is.EqualTo((2, "not_running")));

        using ProcessRunner agent = await StartAgentAsync(config);
        string sid = _bed.Server.Sensors().Single().Sid;
        Assert.That(ToolOutput.Run("stat", "-c", "%a", Path.Combine(_dir, "state")).Trim(), Is.EqualTo("700"), "the state directory is created 0700");
        await ChannelTestBed.WaitUntilAsync(() => Status(config).Exit == 0, "a healthy status", 30);
        (exit, json) = Status(config);
        Assert.That((json.GetProperty("verdict").GetString(), json.GetProperty("sid").GetString(), json.GetProperty("pid").GetInt32()),
            Is.EqualTo(("healthy", sid, agent.Process.Id)));

        await _bed.StopServerAsync();
        await ChannelTestBed.WaitUntilAsync(() => Status(config).Exit == 1, "a degraded status without the server", 30);
        (_, json) = Status(config);
        Assert.That(json.GetProperty("verdict").GetString(), Is.EqualTo("degraded"));
        Assert.That(json.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Has.Some.Contains("not connected to the server"));

        agent.Process.Kill();
        await agent.Process.WaitForExitAsync();
        (exit, json) = Status(config);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(json.GetProperty("reasons")[0].GetString(), Does.Contain($"no process {agent.Process.Id}"));
    }

    [Test]
    public async Task Status_AgentStoppedBySigterm_NotRunning()
    {
        string config = Config();
        using ProcessRunner agent = await StartAgentAsync(config);
        await ChannelTestBed.WaitUntilAsync(() => Status(config).Exit == 0, "a healthy status", 30);
        ToolOutput.Run("kill", "-TERM", agent.Process.Id.ToString());
        Assert.That(agent.Process.WaitForExit(20_000), Is.True);
        var (exit, json) = Status(config);
        Assert.That((exit, json.GetProperty("state").GetString()), Is.EqualTo((2, "stopped")));
    }

    [Test]
    public async Task Log_RealAgentEnrolling_NeitherKeyNorCredentialReachesAnyLog()
    {
        string logFile = Path.Combine(_dir, "sensor.log");
        string config = Config($", \"log_file\": \"{logFile}\"");
        using ProcessRunner agent = await StartAgentAsync(config);
        string sid = _bed.Server.Sensors().Single().Sid;
        await ChannelTestBed.WaitUntilAsync(() => File.Exists(logFile) && File.ReadAllText(logFile).Contains($"connected to 127.0.0.1:{_bed.Port} as {sid}"),
            "the connection in the log", 30);

        // Failures log too: lose the server, let the agent retry, then bring it back.
        await _bed.StopServerAsync();
        await ChannelTestBed.WaitUntilAsync(() => File.ReadAllText(logFile).Contains("refused", StringComparison.OrdinalIgnoreCase)
            || File.ReadAllText(logFile).Contains("error"), "a connection error in the log", 30);
        agent.Process.Kill();
        await agent.Process.WaitForExitAsync();

        using JsonDocument identity = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, "state", "identity.json")));
        string credential = identity.RootElement.GetProperty("credential").GetString()!;
        byte[] credentialBytes = Convert.FromBase64String(credential);
        string everything = agent.Output + File.ReadAllText(logFile);
        Assert.That(everything, Does.Contain($"enrolled as {sid}"), "the log was collected");
        foreach (string secret in new[] { _bed.InstallationKey, _bed.InstallationKey.Split('.').Last(), credential,
            Convert.ToHexStringLower(credentialBytes), Convert.ToHexString(credentialBytes) })
        {
            Assert.That(everything, Does.Not.Contain(secret));
        }
    }

    [Test]
    public void Log_JournalStreamIsStderr_LinesCarrySyslogPriorities()
    {
        // systemd's contract: JOURNAL_STREAM names stderr's device and inode. python3 gives the agent a stderr file
        // and the variable describing it, as systemd would, and stops the agent once it has connected.
        string config = Config();
        string journal = Path.Combine(_dir, "journal");
        string script = """
            import os, subprocess, sys, time
            journal, dll, config = sys.argv[1:4]
            with open(journal, "w") as f:
                st = os.fstat(f.fileno())
                env = dict(os.environ, JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}")
                p = subprocess.Popen(["dotnet", dll, "run", "--config", config], stderr=f, stdout=subprocess.DEVNULL, env=env)
                deadline = time.time() + 60
                while time.time() < deadline and "connected to" not in open(journal).read():
                    time.sleep(0.1)
                p.terminate()
                p.wait(30)
            """;
        ToolOutput.Run("python3", "-c", script, journal, Path.Combine(AppContext.BaseDirectory, "sensor.dll"), config);
        string[] lines = File.ReadAllLines(journal);
        Assert.That(lines, Has.Some.StartsWith("<6>connected to 127.0.0.1:"));
        Assert.That(lines, Has.Some.StartsWith("<6>stopped"));
        Assert.That(lines, Has.All.Match(@"^<[3-6]>"), "every line has a priority, none a timestamp of its own");
    }

    [Test]
    public void Log_JournalStreamOfAnotherFile_PlainLines()
    {
        var (exit, output) = RunSensor(new Dictionary<string, string> { ["JOURNAL_STREAM"] = "1:1" }, "run", "--config", Path.Combine(_dir, "missing.json"));
        Assert.That(exit, Is.EqualTo(Sensor.Cli.AgentVerbs.ExitConfigError));
        Assert.That(output, Does.Contain(" error: refusing to start: cannot read the configuration").And.Not.Contain("<3>"));
    }

    [Test]
    public void Health_LiveServer_ReportsPresentedKeyAgainstPins()
    {
        string config = Config();
        var (exit, output) = RunSensor(null, "health", "--json", "--config", config);
        Assert.That(exit, Is.Zero, output);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement root = document.RootElement;
        JsonElement probe = root.GetProperty("server_probe");
        Assert.That((probe.GetProperty("connected").GetBoolean(), probe.GetProperty("presented_pin").GetString(), probe.GetProperty("pin_match").GetString()),
            Is.EqualTo((true, _bed.Pin.ToString(), "primary")));
        Assert.That(probe.GetProperty("handshake_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(probe.GetProperty("certificate").GetProperty("name_matches").GetBoolean(), Is.True);
        Assert.That(probe.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("config").GetProperty("installation_key").GetString(), Is.EqualTo("(set, redacted)"));
        Assert.That(root.GetProperty("state").GetProperty("enrolled").GetBoolean(), Is.False);
        Assert.That(output, Does.Not.Contain(_bed.InstallationKey));
        // Without a running systemd (containers, CI) the service manager cannot be asked: a unit file on disk is
        // "unknown", none is "not_installed".
        if (!Directory.Exists("/run/systemd/system"))
        {
            bool unitFile = new[] { "/etc/systemd/system/sensor.service", "/lib/systemd/system/sensor.service", "/usr/lib/systemd/system/sensor.service" }.Any(File.Exists);
            Assert.That(root.GetProperty("service").GetString(), Is.EqualTo(unitFile ? "unknown" : "not_installed"));
        }
        else
        {
            Assert.That(root.GetProperty("service").GetString(), Is.AnyOf("not_installed", "stopped", "starting", "running", "stopping", "failed"));
        }

        // The binary's hash as sha256sum sees it.
        JsonElement binary = root.GetProperty("binary");
        string path = binary.GetProperty("path").GetString()!;
        Assert.That(binary.GetProperty("sha256").GetString(), Is.EqualTo(ToolOutput.Run("sha256sum", path).Split(' ')[0]));
        Assert.That(binary.GetProperty("size").GetInt64(), Is.EqualTo(new FileInfo(path).Length));
        Assert.That(root.GetProperty("uptime_seconds").GetInt64(), Is.EqualTo((long)double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Within(5));
    }

    [Test]
    public async Task Health_EnrolledSensor_ShowsSidAndRedactsCredential()
    {
        string config = Config();
        using (ProcessRunner agent = await StartAgentAsync(config))
        {
        }

        var (exit, output) = RunSensor(null, "health", "--json", "--config", config);
        Assert.That(exit, Is.Zero, output);
        using JsonDocument identity = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, "state", "identity.json")));
        using JsonDocument report = JsonDocument.Parse(output);
        JsonElement state = report.RootElement.GetProperty("state");
        Assert.That((state.GetProperty("enrolled").GetBoolean(), state.GetProperty("sid").GetString()),
            Is.EqualTo((true, identity.RootElement.GetProperty("sid").GetString())));
        Assert.That(output, Does.Not.Contain(identity.RootElement.GetProperty("credential").GetString()));
    }

    [Test]
    public void Health_WrongPin_ExitOneShowingPresentedAndPinnedKeys()
    {
        string wrong = "sha256/" + Convert.ToBase64String(new byte[32]);
        string config = Config(pin: wrong);
        var (exit, output) = RunSensor(null, "health", "--json", "--config", config);
        Assert.That(exit, Is.EqualTo(1), output);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement probe = document.RootElement.GetProperty("server_probe");
        Assert.That((probe.GetProperty("presented_pin").GetString(), probe.GetProperty("pinned_primary").GetString(), probe.GetProperty("pin_match").GetString()),
            Is.EqualTo((_bed.Pin.ToString(), wrong, "none")));
        Assert.That(probe.GetProperty("error").GetString(), Does.Contain("matches neither pin"));
    }

    [Test]
    public async Task Health_ServerDown_ExitOneWithConnectError()
    {
        string config = Config();
        await _bed.StopServerAsync();
        var (exit, output) = RunSensor(null, "health", "--json", "--config", config);
        Assert.That(exit, Is.EqualTo(1), output);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement probe = document.RootElement.GetProperty("server_probe");
        Assert.That(probe.GetProperty("connected").GetBoolean(), Is.False);
        Assert.That(probe.GetProperty("error").GetString(), Does.StartWith($"connect to 127.0.0.1:{_bed.Port}"));
    }

    [Test]
    public void ConfigCheck_Valid_ExitZeroWithRedactedSummary()
    {
        string config = Config();
        var (exit, output) = RunSensor(new Dictionary<string, string> { ["SENSOR_WORKERS"] = "3", ["SENSOR_WOKRERS"] = "3" }, "config", "check", "--config", config);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("installation_key: (set, redacted)").And.Contain("overridden by SENSOR_WORKERS: workers")
            .And.Contain("workers: 3 + 2 urgent").And.Contain("warning: SENSOR_WOKRERS is set but overrides no configuration field")
            .And.Contain($"permissions config {config}: ok"));
        Assert.That(output, Does.Not.Contain(_bed.InstallationKey));
    }

    [TestCase("SENSOR_WORKERS", "many", "field workers: SENSOR_WORKERS: workers must be an integer")]
    [TestCase("SENSOR_PINS", "sha256/x", "field pins: SENSOR_PINS: pins: the primary pin")]
    public void ConfigCheck_BadVariable_ExitTwoNamingTheField(string variable, string value, string expected)
    {
        var (exit, output) = RunSensor(new Dictionary<string, string> { [variable] = value }, "config", "check", "--config", Config());
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Does.Contain(expected));
    }

    [Test]
    public void ConfigCheck_MisspeltField_ExitTwoNamingIt()
    {
        string config = Config(", \"wokers\": 2");
        var (exit, output) = RunSensor(null, "config", "check", "--config", config);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Does.Contain("sensor: config: field wokers: unknown field 'wokers' (did you mean 'workers'?)"));
    }
}
