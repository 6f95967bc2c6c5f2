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
    [TestCase("""{"server":"h:1","pins":["PIN"],"installation_key":"k"}""", "state_dir")]
    [TestCase("""[]""", "JSON object")]
    public void Parse_BadConfig_RefusedWithClearMessage(string json, string expected)
    {
        var e = Assert.Throws<AgentConfigException>(() => Parse(json.Replace("PIN", GoodPin)));
        Assert.That(e!.Message, Does.Contain(expected));
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
