using System.IO.Compression;
using Sensor.Platform.Inventory;
using Sensor.Platform.Linux.Inventory;

namespace Sensor.Tests.Platform.Linux;

public sealed class InventoryParserTests
{
    private static byte[] Sample(string name)
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "Inventory", name);
        if (!name.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }

    [Test]
    public void DpkgParse_StatusFile_ReportsInstalledAndHeldOnly()
    {
        var packages = new List<PackageEntry>();
        DpkgStatusParser.Parse(Sample("dpkg-status"), packages);
        Assert.That(packages, Is.EqualTo(new[]
        {
            new PackageEntry("bash", "5.2.15-2+b7", "amd64", "dpkg"),
            new PackageEntry("libc6", "2.36-9+deb12u9", "i386", "dpkg"),
        }));
    }

    [Test]
    public void PasswdParse_File_SkipsCommentsNisAndBadLines()
    {
        var users = new List<UserEntry>();
        PasswdParser.Parse(Sample("passwd"), users);
        Assert.That(users.Select(u => u.Name), Is.EqualTo(new[] { "root", "alice", "nobody" }));
        UserEntry alice = users[1];
        Assert.Multiple(() =>
        {
            Assert.That(alice.Uid, Is.EqualTo(1000));
            Assert.That(alice.Gid, Is.EqualTo(1001));
            Assert.That(alice.Home, Is.EqualTo("/home/alice"));
            Assert.That(alice.Shell, Is.EqualTo("/bin/zsh"));
            Assert.That(users[2].Shell, Is.EqualTo("/usr/sbin/nologin"));
        });
    }

    [Test]
    public void ParseShadow_File_LockedAndEmptyHaveNoPassword()
    {
        Dictionary<string, bool> hasPassword = PasswdParser.ParseShadow(Sample("shadow"));
        Assert.That(hasPassword, Is.EqualTo(new Dictionary<string, bool>
        {
            ["root"] = true,
            ["alice"] = false,
            ["nobody"] = false,
            ["empty"] = false,
        }));
    }

    [Test]
    public void ParseWtmp_Records_KeepsLatestUserProcessPerUser()
    {
        Dictionary<string, long> logins = PasswdParser.ParseWtmp(Sample("wtmp"));
        Assert.That(logins, Is.EqualTo(new Dictionary<string, long> { ["alice"] = 1700000500, ["root"] = 1600000000 }));
    }

    [Test]
    public void LastLogSeconds_RecordOfUid_ReadsTimeAndZeroElsewhere()
    {
        byte[] lastlog = Sample("lastlog.gz");
        Assert.Multiple(() =>
        {
            Assert.That(PasswdParser.LastLogSeconds(lastlog, 1000), Is.EqualTo(1710000000));
            Assert.That(PasswdParser.LastLogSeconds(lastlog, 0), Is.Zero);
            Assert.That(PasswdParser.LastLogSeconds(lastlog, 5000), Is.Zero);
        });
    }

    [Test]
    public void UnitFile_SshdService_ReadsSectionValuesAndExecStartAfterReset()
    {
        byte[] unit = Sample("unit-sshd.service");
        Assert.Multiple(() =>
        {
            Assert.That(UnitFileParser.GetValue(unit, "Unit"u8, "Description"u8), Is.EqualTo("OpenBSD Secure Shell server"));
            string? exec = UnitFileParser.GetValue(unit, "Service"u8, "ExecStart"u8, first: true);
            Assert.That(exec, Is.EqualTo("@\"/usr/sbin/sshd two\" -D"));
            Assert.That(UnitFileParser.ProgramOf(exec!), Is.EqualTo("/usr/sbin/sshd two"));
            Assert.That(UnitFileParser.ProgramOf("-/usr/sbin/sshd -D $SSHD_OPTS"), Is.EqualTo("/usr/sbin/sshd"));
            Assert.That(UnitFileParser.IsInstallable(unit), Is.True);
            Assert.That(UnitFileParser.GetValue(unit, "Install"u8, "Description"u8), Is.Null);
        });
    }

    [Test]
    public void CrontabCommands_SystemCrontab_SkipsEnvironmentAndIncompleteLines()
    {
        List<string> commands = CrontabParser.Commands(Sample("crontab"), hasUserField: true);
        Assert.That(commands, Is.EqualTo(new[]
        {
            "cd / && run-parts --report /etc/cron.hourly",
            "/usr/local/bin/at-boot --flag",
        }));
    }
}
