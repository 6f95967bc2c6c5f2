using System.Diagnostics;
using System.Text.Json;
using Sensor.Agent;
using Sensor.Cli;
using Sensor.Tests.Support;

namespace Sensor.Tests.Cli;

/// <summary>
/// <c>sensor install</c>/<c>uninstall</c> run as the real binary against a temporary root (SENSOR_INSTALL_ROOT), so
/// every file they write or remove is checked where it lands, and nothing touches this machine's /etc.
/// </summary>
[Platform("Linux")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallVerbsTests
{
    private const string Pin1 = "sha256/AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string Pin2 = "sha256/ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("sensor-install-root-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    private string Under(string path) => Path.Combine(_root, path.TrimStart('/'));

    private (int ExitCode, string Stdout, string Stderr) Sensor(IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(SensorProcess.BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SENSOR_INSTALL_ROOT"] = _root;
        start.Environment.Remove(InstallVerbs.KeyEnvironmentVariable);
        if (Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private (int ExitCode, string Stdout, string Stderr) Install(params string[] extra) =>
        Sensor(null, ["install", "--installation-key", "0a1b2c3d.secret", "--server", "sensors.example.org:4443", "--pin", Pin1, "--pin", Pin2, .. extra]);

    [Test]
    public void Install_StagedRoot_WritesPrivateConfigUnitAndBinaryAndSaysNotStarted()
    {
        var (code, stdout, stderr) = Install();

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("NOT started").And.Contain("SENSOR_INSTALL_ROOT"));
        string config = Under("/etc/sensor/sensor.json");
        Assert.That(File.GetUnixFileMode(config), Is.EqualTo(Private));
        Assert.That(File.GetUnixFileMode(Under("/etc/sensor")), Is.EqualTo(PrivateDirectory));
        Assert.That(File.GetUnixFileMode(Under("/var/lib/sensor")), Is.EqualTo(PrivateDirectory));
        Assert.That(File.Exists(config + ".tmp"), Is.False);
        using (JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(config)))
        {
            JsonElement root = json.RootElement;
            Assert.That(root.GetProperty("server").GetString(), Is.EqualTo("sensors.example.org:4443"));
            Assert.That(root.GetProperty("pins").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { Pin1, Pin2 }));
            Assert.That(root.GetProperty("installation_key").GetString(), Is.EqualTo("0a1b2c3d.secret"));
            Assert.That(root.GetProperty("state_dir").GetString(), Is.EqualTo("/var/lib/sensor"));
        }

        // The agent's own parser accepts what install wrote.
        AgentConfig parsed = AgentConfig.Load(config);
        Assert.That((parsed.Host, parsed.Port, parsed.InstallationKey), Is.EqualTo(("sensors.example.org", 4443, "0a1b2c3d.secret")));
        Assert.That(parsed.Pins.Backup.HasValue, Is.True);

        string unit = Under("/etc/systemd/system/sensor.service");
        Assert.That(File.ReadAllText(unit), Does.Contain("\nExecStart=/usr/sbin/sensor run --config /etc/sensor/sensor.json\n").And.Contain("\nType=notify\n"));
        Assert.That(File.GetUnixFileMode(unit), Is.EqualTo(Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead));

        string binary = Under("/usr/sbin/sensor");
        Assert.That(File.ReadAllBytes(binary), Is.EqualTo(File.ReadAllBytes(SensorProcess.BinaryPath)));
        Assert.That(File.GetUnixFileMode(binary) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        Assert.That(File.GetUnixFileMode(binary) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite), Is.EqualTo(UnixFileMode.None));
    }

    [Test]
    public void Install_KeyFromEnvironmentOverExistingConfig_ReplacesConnectionKeepsTuning()
    {
        Directory.CreateDirectory(Under("/etc/sensor"));
        File.WriteAllText(Under("/etc/sensor/sensor.json"),
            """{"server":"old:1","pins_file":"/etc/sensor/pins","installation_key":"old","state_dir":"/srv/sensor","workers":8,"log":{"level":"debug"}}""");
        File.SetUnixFileMode(Under("/etc/sensor/sensor.json"), Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, _, stderr) = Sensor(new Dictionary<string, string> { [InstallVerbs.KeyEnvironmentVariable] = "from-env.key" },
            "install", "--server", "[2001:db8::1]:443", "--pin", Pin1, "--no-service");

        Assert.That(code, Is.Zero, stderr);
        string config = Under("/etc/sensor/sensor.json");
        Assert.That(File.GetUnixFileMode(config), Is.EqualTo(Private));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(config));
        JsonElement root = json.RootElement;
        Assert.That(root.GetProperty("installation_key").GetString(), Is.EqualTo("from-env.key"));
        Assert.That(root.GetProperty("server").GetString(), Is.EqualTo("[2001:db8::1]:443"));
        Assert.That(root.GetProperty("workers").GetInt32(), Is.EqualTo(8));
        Assert.That(root.GetProperty("state_dir").GetString(), Is.EqualTo("/srv/sensor"), "a reinstall keeps the identity's folder");
        Assert.That(File.GetUnixFileMode(Under("/srv/sensor")), Is.EqualTo(PrivateDirectory));
        Assert.That(root.GetProperty("log").GetProperty("level").GetString(), Is.EqualTo("debug"));
        Assert.That(root.TryGetProperty("pins_file", out _), Is.False, "--pin replaces a pins file");
        // --no-service: the configuration only.
        Assert.That(File.Exists(Under("/etc/systemd/system/sensor.service")), Is.False);
        Assert.That(File.Exists(Under("/usr/sbin/sensor")), Is.False);
    }

    [TestCase("--pin", "sha256/notbase64!", "--pin (primary)")]
    [TestCase("--pin", "sha256/AAEC", "--pin (primary)")]
    [TestCase("--server", "sensors.example.org", "--server 'sensors.example.org' is not HOST:PORT")]
    [TestCase("--server", "sensors.example.org:70000", "--server 'sensors.example.org:70000' has no port")]
    [TestCase("--server", "2001:db8::1:443", "without brackets")]
    [TestCase("--server", "bad host:443", "not a DNS name")]
    [TestCase("--installation-key", " ", "--installation-key is required")]
    public void Install_BadArgument_ExitsTwoNamingTheFieldAndWritesNothing(string option, string value, string message)
    {
        var arguments = new Dictionary<string, string>
        {
            ["--installation-key"] = "0a1b2c3d.secret",
            ["--server"] = "sensors.example.org:4443",
            ["--pin"] = Pin1,
        };
        arguments[option] = value;

        var (code, _, stderr) = Sensor(null, ["install", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
        Assert.That(Directory.EnumerateFileSystemEntries(_root), Is.Empty);
    }

    [Test]
    public void Install_ThreePins_ExitsTwoNamingPin()
    {
        var (code, _, stderr) = Install("--pin", Pin1);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--pin must be given once or twice"));
    }

    [Test]
    public void Install_BackupPinBad_NamesTheBackup()
    {
        var (code, _, stderr) = Sensor(null, "install", "--installation-key", "k", "--server", "h:1", "--pin", Pin1, "--pin", "nope");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--pin (backup)"));
    }

    [Test]
    public void Uninstall_AfterInstall_RemovesUnitAndBinaryKeepsConfigurationAndState()
    {
        Assert.That(Install().ExitCode, Is.Zero);
        File.WriteAllText(Under("/var/lib/sensor/identity.json"), "{}");

        var (code, stdout, stderr) = Sensor(null, "uninstall");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("removed"));
        Assert.That(File.Exists(Under("/etc/systemd/system/sensor.service")), Is.False);
        Assert.That(File.Exists(Under("/usr/sbin/sensor")), Is.False);
        Assert.That(File.Exists(Under("/etc/sensor/sensor.json")), Is.True);
        Assert.That(File.Exists(Under("/var/lib/sensor/identity.json")), Is.True);
    }

    [Test]
    public void Uninstall_Purge_RemovesConfigurationStateAndLogsButNothingElse()
    {
        Assert.That(Install().ExitCode, Is.Zero);
        File.WriteAllText(Under("/var/lib/sensor/identity.json"), "{}");
        Directory.CreateDirectory(Under("/var/log/sensor"));
        File.WriteAllText(Under("/var/log/sensor/sensor.log"), "log");
        File.WriteAllText(Under("/etc/systemd/system/other.service"), "[Unit]\n");
        Directory.CreateDirectory(Under("/var/lib/other"));

        var (code, stdout, stderr) = Sensor(null, "uninstall", "--purge");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("purged"));
        foreach (string gone in new[] { "/etc/sensor", "/var/lib/sensor", "/var/log/sensor", "/usr/sbin/sensor", "/etc/systemd/system/sensor.service" })
        {
            Assert.That(Path.Exists(Under(gone)), Is.False, gone);
        }

        Assert.That(File.Exists(Under("/etc/systemd/system/other.service")), Is.True);
        Assert.That(Directory.Exists(Under("/var/lib/other")), Is.True);
    }

    [Test]
    public void Uninstall_Purge_RemovesTheStateDirectoryTheConfigurationNames()
    {
        Assert.That(Install().ExitCode, Is.Zero);
        string config = Under("/etc/sensor/sensor.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"/var/lib/sensor\"", "\"/srv/sensor-state\""));
        Directory.CreateDirectory(Under("/srv/sensor-state"));
        File.WriteAllText(Under("/srv/sensor-state/identity.json"), "{}");

        Assert.That(Sensor(null, "uninstall", "--purge").ExitCode, Is.Zero);

        Assert.That(Directory.Exists(Under("/srv/sensor-state")), Is.False);
        Assert.That(Directory.Exists(Under("/srv")), Is.True);
    }

    [Test]
    public void Uninstall_Purge_RefusesAStateDirectoryThatIsNotTheSensorsOwn()
    {
        Assert.That(Install().ExitCode, Is.Zero);
        string config = Under("/etc/sensor/sensor.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"/var/lib/sensor\"", "\"/var/lib\""));
        Directory.CreateDirectory(Under("/var/lib/dpkg"));

        var (code, _, stderr) = Sensor(null, "uninstall", "--purge");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("refusing to purge '/var/lib'"));
        Assert.That(Directory.Exists(Under("/var/lib/dpkg")), Is.True);
    }

    [Test]
    public void Uninstall_BinaryOwnedByThePackage_LeavesItToDpkg()
    {
        Assert.That(Install().ExitCode, Is.Zero);
        Directory.CreateDirectory(Under("/var/lib/dpkg/info"));
        File.WriteAllLines(Under("/var/lib/dpkg/info/sensor.list"), ["/.", "/usr", "/usr/sbin", "/usr/sbin/sensor"]);

        Assert.That(Sensor(null, "uninstall").ExitCode, Is.Zero);

        Assert.That(File.Exists(Under("/usr/sbin/sensor")), Is.True);
        Assert.That(File.Exists(Under("/etc/systemd/system/sensor.service")), Is.False);
    }

    [Test]
    public void Uninstall_NothingInstalled_SucceedsAndChangesNothing()
    {
        var (code, _, stderr) = Sensor(null, "uninstall", "--purge");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(Directory.EnumerateFileSystemEntries(_root), Is.Empty);
    }
}
