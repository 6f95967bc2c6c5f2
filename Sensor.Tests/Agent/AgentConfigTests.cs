using System.Text;
using Sensor.Agent;
using Sensor.Channel;
using Sensor.Tests.Support;

namespace Sensor.Tests.Agent;

public sealed class AgentConfigTests
{
    private const string GoodPin = "sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sensor-config-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static AgentConfig Parse(string json) => AgentConfig.Parse(Encoding.UTF8.GetBytes(json), "/tmp");

    [Test]
    public void Parse_CompleteConfig_ReadsEverything()
    {
        AgentConfig config = Parse($$"""{"server":"example.org:4443","pins":["{{GoodPin}}","{{GoodPin}}"],"installation_key":"k","state_dir":"s","queue_max_events":5}""");
        Assert.That((config.Host, config.Port, config.ServerName, config.InstallationKey, config.StateDirectory, config.QueueMaxEvents),
            Is.EqualTo(("example.org", 4443, "example.org", "k", "/tmp/s", 5)));
        Assert.That(config.Pins.Primary.ToString(), Is.EqualTo(GoodPin));
        Assert.That(config.Pins.Backup, Is.Not.Null);
    }

    [TestCase("""{"server":"h:1","installation_key":"k","state_dir":"s"}""", "found 0")]
    [TestCase("""{"server":"h:1","pins":[],"installation_key":"k","state_dir":"s"}""", "found 0")]
    [TestCase("""{"server":"h:1","pins":[""],"installation_key":"k","state_dir":"s"}""", "empty pin")]
    [TestCase("""{"server":"h:1","pins":["sha256/abc"],"installation_key":"k","state_dir":"s"}""", "base64 of 32 bytes")]
    [TestCase("""{"server":"h:1","pins":[1],"installation_key":"k","state_dir":"s"}""", "empty pin")]
    [TestCase("""{"server":"h:1","pins":["a","b","c"],"installation_key":"k","state_dir":"s"}""", "found 3")]
    [TestCase("""{"server":"h:1","pins_file":"/nonexistent/pins","installation_key":"k","state_dir":"s"}""", "cannot read the pins file")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"","state_dir":"s"}""", "installation_key is empty")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key_file":"/nonexistent/key","state_dir":"s"}""", "cannot read the installation key file")]
    [TestCase("""{"server":"h","pins":["PIN"],"installation_key":"k","state_dir":"s"}""", "host:port")]
    [TestCase("""{"pins":["PIN"],"installation_key":"k"}""", "no server")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k","state_dir":""}""", "state_dir is not a usable path")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k","workers":0}""", "workers must be an integer from 1 to 64")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k","workers":"4"}""", "workers must be an integer")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k","backoff_min_ms":500,"backoff_max_ms":100}""", "backoff_min_ms")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k","installation_key_file":"/k"}""", "both given")]
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k","server_name":""}""", "server_name is empty")]
    [TestCase("""[]""", "JSON object")]
    public void Parse_BadConfig_RefusedWithClearMessage(string json, string expected)
    {
        var e = Assert.Throws<AgentConfigException>(() => Parse(json.Replace("PIN", GoodPin)));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    [Platform("Linux")]
    public void Parse_NoStateDir_DefaultsToTheHostStateDirectory()
    {
        AgentConfig config = Parse($$"""{"server":"h:1","pins":["{{GoodPin}}"],"installation_key":"k"}""");
        Assert.That(config.StateDirectory, Is.EqualTo(Sensor.Platform.Linux.LinuxHost.DefaultStateDirectory));
    }

    [TestCase("sever", "server")]
    [TestCase("state-dir", "state_dir")]
    [TestCase("pin", "pins")]
    public void Parse_MisspeltField_RefusedNamingItAndTheNearestField(string typo, string meant)
    {
        var e = Assert.Throws<AgentConfigException>(() => Parse($$"""{"server":"h:1","pins":["{{GoodPin}}"],"installation_key":"k","{{typo}}":"x"}"""));
        Assert.That(e!.Field, Is.EqualTo(typo));
        Assert.That(e.Message, Does.Contain($"unknown field '{typo}'").And.Contain($"did you mean '{meant}'"));
    }

    [Test]
    public void Parse_UnknownFieldFarFromAnyKnown_RefusedWithoutSuggestion()
    {
        var e = Assert.Throws<AgentConfigException>(() => Parse($$"""{"server":"h:1","pins":["{{GoodPin}}"],"colour":"blue"}"""));
        Assert.That(e!.Message, Does.Contain("unknown field 'colour'").And.Not.Contain("did you mean"));
    }

    [Test]
    public void Parse_FieldGivenTwice_Refused()
    {
        var e = Assert.Throws<AgentConfigException>(() => Parse($$"""{"server":"h:1","pins":["{{GoodPin}}"],"workers":2,"workers":3}"""));
        Assert.That((e!.Field, e.Message), Is.EqualTo(("workers", "workers appears twice")));
    }

    [Test]
    public void Parse_EveryFieldInJson_Accepted()
    {
        string keyFile = Path.Combine(_dir, "key");
        File.WriteAllText(keyFile, "secret-key\n");
        string pinsFile = Path.Combine(_dir, "pins");
        File.WriteAllText(pinsFile, $"# backup\n{GoodPin}\n");
        var values = new Dictionary<string, string>
        {
            ["server"] = "\"[::1]:4443\"",
            ["server_name"] = "\"srv\"",
            ["pins"] = $"[\"{GoodPin}\"]",
            ["pins_file"] = $"\"{pinsFile}\"",
            ["installation_key"] = "null",
            ["installation_key_file"] = $"\"{keyFile}\"",
            ["state_dir"] = "\"st\"",
            ["log_file"] = "\"l.log\"",
            ["log_file_max_bytes"] = "65536",
            ["queue_max_bytes"] = "65536",
            ["workers"] = "8",
            ["urgent_workers"] = "3",
            ["scan_threads"] = "2",
        };
        string json = "{" + string.Join(",", AgentConfig.Fields.Select(f => $"\"{f}\":{values.GetValueOrDefault(f, "1000")}")) + "}";
        AgentConfig config = Parse(json);
        Assert.That((config.Host, config.Port, config.ServerName, config.InstallationKey, config.StateDirectory, config.LogFile, config.LogFileMaxBytes),
            Is.EqualTo(("::1", 4443, "srv", "secret-key", "/tmp/st", "/tmp/l.log", 64L * 1024)));
        Assert.That(config.Pins.Backup, Is.Not.Null, "pins and pins_file together give primary and backup");
        Assert.That(config.PinsFile, Is.EqualTo(pinsFile));
        Assert.That((config.Workers, config.UrgentWorkers, config.QueueMaxEvents, config.QueueMaxBytes, config.TaskTimeout, config.PingInterval),
            Is.EqualTo((8, 3, 1000, 65536L, TimeSpan.FromSeconds(1000), TimeSpan.FromSeconds(1))));
        Assert.That((config.ReadTimeout, config.ConnectTimeout, config.HandshakeTimeout, config.BackoffMin, config.BackoffMax),
            Is.EqualTo((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))));
        Assert.That(config.ScanThreads, Is.EqualTo(2));
    }

    [Test]
    public void Parse_EnvironmentOverridesEveryKindOfField()
    {
        string backup = "sha256/" + Convert.ToBase64String(new byte[32]);
        var environment = new Dictionary<string, string>
        {
            ["SENSOR_SERVER"] = "other.example:5555",
            ["SENSOR_PINS"] = $"{GoodPin} , {backup}",
            ["SENSOR_INSTALLATION_KEY"] = "from-env",
            ["SENSOR_STATE_DIR"] = "/var/tmp/s",
            ["SENSOR_WORKERS"] = "7",
            ["SENSOR_PING_INTERVAL_MS"] = "250",
            ["SENSOR_LOG_FILE"] = "",
            ["SENSOR_UNRELATED"] = "x",
        };
        AgentConfig config = AgentConfig.Parse(Encoding.UTF8.GetBytes($$"""{"server":"h:1","pins":["{{GoodPin}}"],"installation_key":"k","workers":2,"log_file":"a.log"}"""),
            environment, "/etc/sensor");
        Assert.That((config.Host, config.Port, config.InstallationKey, config.StateDirectory, config.Workers, config.PingInterval),
            Is.EqualTo(("other.example", 5555, "from-env", "/var/tmp/s", 7, TimeSpan.FromMilliseconds(250))));
        Assert.That(config.Pins.Backup.ToString(), Is.EqualTo(backup));
        Assert.That(config.LogFile, Is.EqualTo("/etc/sensor/a.log"), "an empty variable counts as unset");
        Assert.That(AgentConfig.UnknownVariables(environment), Is.EqualTo(new[] { "SENSOR_UNRELATED" }));
    }

    [TestCase("SENSOR_SCAN_THREADS", "0", "scan_threads")]
    [TestCase("SENSOR_WORKERS", "lots", "workers")]
    [TestCase("SENSOR_WORKERS", "-1", "workers")]
    [TestCase("SENSOR_SERVER", "nocolon", "server")]
    [TestCase("SENSOR_PINS", "sha256/abc", "pins")]
    [TestCase("SENSOR_QUEUE_MAX_BYTES", "1", "queue_max_bytes")]
    public void Parse_BadEnvironmentValue_RefusedNamingVariableAndField(string variable, string value, string field)
    {
        var e = Assert.Throws<AgentConfigException>(() => AgentConfig.Parse(
            Encoding.UTF8.GetBytes($$"""{"server":"h:1","pins":["{{GoodPin}}"],"installation_key":"k"}"""),
            new Dictionary<string, string> { [variable] = value }, "/tmp"));
        Assert.That(e!.Field, Is.EqualTo(field));
        Assert.That(e.Message, Does.StartWith(variable + ":").And.Contain(field));
    }

    [Test]
    public void Parse_ReadFileFunction_IsTheOnlyFileAccess()
    {
        var read = new List<string>();
        AgentConfig config = AgentConfig.Parse(Encoding.UTF8.GetBytes("""{"server":"h:1","pins_file":"p","installation_key_file":"k"}"""),
            new Dictionary<string, string>(), "/nowhere", path =>
            {
                read.Add(path);
                return Encoding.UTF8.GetBytes(path.EndsWith('p') ? GoodPin : "key-from-function");
            });
        Assert.That(read, Is.EqualTo(new[] { "/nowhere/p", "/nowhere/k" }));
        Assert.That(config.InstallationKey, Is.EqualTo("key-from-function"));
    }

    [Test]
    public void EnvironmentName_IsPrefixAndCapitals()
    {
        Assert.That(AgentConfig.Fields.Select(AgentConfig.EnvironmentName), Does.Contain("SENSOR_STATE_DIR").And.Contain("SENSOR_PINS")
            .And.Contain("SENSOR_INSTALLATION_KEY").And.Contain("SENSOR_LOG_FILE_MAX_BYTES"));
    }

    [Test]
    public void Docs_ConfigurationMd_ListsEveryFieldAndVariable()
    {
        string docs = File.ReadAllText(Path.Combine(Sensor.Tests.Generators.GeneratorHarness.RepositoryRoot, "docs", "configuration.md"));
        foreach (string field in AgentConfig.Fields)
        {
            Assert.That(docs, Does.Contain($"`{field}`"), field);
            Assert.That(docs, Does.Contain($"`{AgentConfig.EnvironmentName(field)}`"), field);
        }
    }

    [Test]
    public void Parse_PinsFileIsADirectory_Refused()
    {
        var e = Assert.Throws<AgentConfigException>(() => Parse($$"""{"server":"h:1","pins_file":"{{_dir}}","installation_key":"k","state_dir":"s"}"""));
        Assert.That(e!.Message, Does.Contain("cannot read the pins file"));
    }

    [Test]
    public void Parse_EmptyKeyFile_Refused()
    {
        string keyFile = Path.Combine(_dir, "key");
        File.WriteAllText(keyFile, " \n");
        var e = Assert.Throws<AgentConfigException>(() => Parse($$"""{"server":"h:1","pins":["{{GoodPin}}"],"installation_key_file":"{{keyFile}}","state_dir":"s"}"""));
        Assert.That(e!.Message, Does.Contain("is empty"));
    }

    [Test]
    [Platform("Linux")]
    public void SensorRun_RealProcess_MissingPinOrKey_ExitsNonZeroWithMessage()
    {
        string config = Path.Combine(_dir, "config.json");
        File.WriteAllText(config, $$"""{"server":"127.0.0.1:1","pins":[],"installation_key":"k","state_dir":"{{_dir}}/state"}""");
        var (exit, output) = ProcessRunner.Run("sensor.dll", "run", "--config", config);
        Assert.That(exit, Is.EqualTo(Sensor.Cli.AgentVerbs.ExitConfigError));
        Assert.That(output, Does.Contain("refusing to start").And.Contain("pins"));

        File.WriteAllText(config, $$"""{"server":"127.0.0.1:1","pins":["{{GoodPin}}"],"state_dir":"{{_dir}}/state"}""");
        (exit, output) = ProcessRunner.Run("sensor.dll", "run", "--config", config);
        Assert.That(exit, Is.EqualTo(Sensor.Cli.AgentVerbs.ExitConfigError));
        Assert.That(output, Does.Contain("not enrolled").And.Contain("installation_key"));

        (exit, output) = ProcessRunner.Run("sensor.dll", "run", "--config", Path.Combine(_dir, "missing.json"));
        Assert.That(exit, Is.EqualTo(Sensor.Cli.AgentVerbs.ExitConfigError));
        Assert.That(output, Does.Contain("cannot read the configuration"));
    }

    [Test]
    public void SpkiPin_TryParse_AcceptsPrefixedAndBareBase64()
    {
        Assert.That(SpkiPin.TryParse(GoodPin, out SpkiPin a, out _), Is.True);
        Assert.That(SpkiPin.TryParse(GoodPin["sha256/".Length..], out SpkiPin b, out _), Is.True);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(SpkiPin.TryParse("sha256/!!!", out _, out string error), Is.False);
        Assert.That(error, Does.Contain("base64"));
    }
}
