using System.Security.Cryptography;
using System.Text.Json;
using Sensor.Commands.Inventory;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Inventory;

[Platform("Linux")]
public sealed class InventoryCommandTests
{
    [Test]
    public void OsPackages_ThisHost_AgreesWithDpkgQuery()
    {
        if (!File.Exists("/var/lib/dpkg/status"))
        {
            Assert.Ignore("no dpkg database on this host");
        }

        JsonElement ev = Run(c => OsPackagesCommand.Execute(new OsPackagesCommand(), c));
        var ours = ev.GetProperty("PACKAGES").EnumerateArray()
            .Select(p => $"{p.GetProperty("PACKAGE_NAME").GetString()}|{p.GetProperty("PACKAGE_VERSION").GetString()}|{p.GetProperty("ARCHITECTURE").GetString()}")
            .ToList();
        // ${db:Status-Abbrev} is "ii " for installed, "hi " for held; the second letter is the state.
        var dpkg = ToolOutput.Run("dpkg-query", "-W", "-f", "${db:Status-Abbrev}|${Package}|${Version}|${Architecture}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Length > 1 && line[1] == 'i')
            .Select(line => line[(line.IndexOf('|') + 1)..])
            .ToList();
        Assert.That(ours, Has.Count.GreaterThan(0));
        Assert.That(ours, Is.EquivalentTo(dpkg));
    }

    [Test]
    public void OsUsers_ThisHost_AgreesWithGetentAndShadow()
    {
        JsonElement ev = Run(c => OsUsersCommand.Execute(new OsUsersCommand(), c));
        var ours = ev.GetProperty("USERS").EnumerateArray().ToList();
        string[] getent = ToolOutput.Run("getent", "passwd").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(ours.Select(u => string.Join(':', u.GetProperty("USER_NAME").GetString(), u.GetProperty("USER_ID").GetInt64(),
                u.GetProperty("GROUP_ID").GetInt64(), u.GetProperty("HOME_DIRECTORY").GetString(), u.GetProperty("SHELL").GetString())),
            Is.EquivalentTo(getent.Select(line =>
            {
                string[] f = line.Split(':');
                return string.Join(':', f[0], f[2], f[3], f[5], f[6]);
            })));

        if (!File.Exists("/etc/shadow") || Environment.UserName != "root")
        {
            return;
        }

        var shadow = File.ReadAllLines("/etc/shadow").Select(l => l.Split(':')).Where(f => f.Length > 1)
            .ToDictionary(f => f[0], f => f[1].Length > 0 && f[1][0] is not ('!' or '*'));
        foreach (JsonElement user in ours)
        {
            string name = user.GetProperty("USER_NAME").GetString()!;
            Assert.That(user.GetProperty("HAS_PASSWORD").GetBoolean(), Is.EqualTo(shadow.GetValueOrDefault(name)), name);
        }
    }

    [Test]
    public void OsServices_ThisHost_ListsEveryUnitFileAndInitScript()
    {
        JsonElement ev = Run(c => OsServicesCommand.Execute(new OsServicesCommand(), c));
        var ours = ev.GetProperty("SVCS").EnumerateArray().ToDictionary(s => s.GetProperty("SVC_NAME").GetString()!);

        var unitNames = new[] { "/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system" }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.service"))
            .Select(Path.GetFileName)
            .Where(n => !n!.EndsWith("@.service", StringComparison.Ordinal))
            .Distinct().ToList();
        foreach (string name in unitNames!)
        {
            Assert.That(ours.ContainsKey(name), Is.True, name);
        }

        // Enabled: linked from a .wants directory of /etc/systemd/system, as systemctl is-enabled would say.
        var wanted = Directory.Exists("/etc/systemd/system")
            ? Directory.GetDirectories("/etc/systemd/system", "*.wants").SelectMany(Directory.GetFiles).Select(Path.GetFileName).ToHashSet()
            : [];
        foreach (string name in wanted.Where(n => n!.EndsWith(".service", StringComparison.Ordinal) && ours.ContainsKey(n!))!)
        {
            Assert.That(ours[name].GetProperty("SVC_START_TYPE").GetString(), Is.EqualTo("enabled"), name);
        }

        if (Directory.Exists("/etc/init.d"))
        {
            foreach (string script in Directory.GetFiles("/etc/init.d").Select(Path.GetFileName)!)
            {
                if (!script.StartsWith('.') && script is not ("README" or "skeleton" or "rc" or "rcS"))
                {
                    Assert.That(ours.ContainsKey(script) || ours.ContainsKey(script + ".service"), Is.True, script);
                }
            }
        }

        Assert.That(ours.Values.Where(s => s.GetProperty("SVC_TYPE").GetString() == "systemd" && s.TryGetProperty("SVC_DISPLAY_NAME", out _)
            && s.GetProperty("SVC_DISPLAY_NAME").GetString()!.Length > 0), Is.Not.Empty);
    }

    [Test]
    public void OsAutoruns_ThisHost_HashesMatchAndKnownPlacesAreListed()
    {
        JsonElement ev = Run(c => OsAutorunsCommand.Execute(new OsAutorunsCommand(), c));
        JsonElement[] entries = ev.GetProperty("AUTORUNS").EnumerateArray().ToArray();
        Assert.That(entries, Is.Not.Empty);
        foreach (string script in Directory.Exists("/etc/profile.d") ? Directory.GetFiles("/etc/profile.d") : [])
        {
            Assert.That(entries.Any(e => e.GetProperty("FILE_PATH").GetString() == script), Is.True, script);
        }

        int hashed = 0;
        foreach (JsonElement entry in entries)
        {
            if (!entry.TryGetProperty("HASH", out JsonElement hash))
            {
                continue;
            }

            string executable = entry.GetProperty("EXECUTABLE").GetString()!;
            string sha256sum = ToolOutput.Run("sha256sum", executable).Split(' ')[0];
            Assert.That(hash.GetString(), Is.EqualTo(sha256sum), executable);
            if (++hashed == 20)
            {
                break;
            }
        }

        Assert.That(hashed, Is.GreaterThan(0));
    }

    [Test]
    public void OsDrivers_ThisHost_ListsProcModules()
    {
        if (!File.Exists("/proc/modules"))
        {
            // A kernel without loadable modules (or a sandbox hiding them): a clear ERROR 50, not an empty list.
            var (sink, context) = RecordingSink.Create();
            OsDriversCommand.Execute(new OsDriversCommand(), context);
            Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(50));
            Assert.That(sink.Single().GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("/proc/modules"));
            return;
        }

        JsonElement ev = Run(c => OsDriversCommand.Execute(new OsDriversCommand(), c));
        Assert.That(ev.GetProperty("SVCS").EnumerateArray().Select(s => s.GetProperty("SVC_NAME").GetString()),
            Is.EquivalentTo(File.ReadAllLines("/proc/modules").Select(l => l.Split(' ')[0])));
    }

    private static JsonElement Run(Action<Sensor.Commands.CommandContext> execute)
    {
        var (sink, context) = RecordingSink.Create();
        execute(context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero, ev.ToString());
        return ev;
    }
}
