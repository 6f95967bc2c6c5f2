using Sensor.Platform.Inventory;
using Sensor.Platform.Linux.Inventory;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : IInventoryHost
{
    private const int MaxDatabaseBytes = 256 * 1024 * 1024;

    // Where systemd looks for units, most important first (systemd.unit(5)); a name found earlier hides later ones.
    private static readonly string[] UnitDirectories =
    [
        "/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system", "/lib/systemd/system",
        "/usr/lib/systemd/system",
    ];

    private static readonly string[] ProgramDirectories =
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>True when systemd is the running init (sd_booted(3)'s test).</summary>
    private static bool SystemdRunning => Directory.Exists("/run/systemd/system");

    public static InventoryResult ListPackages(List<PackageEntry> packages)
    {
        byte[]? status = ReadSmallFile("/var/lib/dpkg/status", MaxDatabaseBytes);
        bool rpm = File.Exists("/var/lib/rpm/rpmdb.sqlite") || File.Exists("/var/lib/rpm/Packages");
        if (status is null)
        {
            return rpm
                ? new InventoryResult(ErrorCodes.NotSupported, "only an rpm database is present; reading it is not implemented in this build", 0)
                : new InventoryResult(ErrorCodes.FileNotFound, "no package database found (/var/lib/dpkg/status)", 0);
        }

        DpkgStatusParser.Parse(status, packages);
        return new InventoryResult(0, rpm ? "an rpm database is also present and was not read" : null, 0);
    }

    public static InventoryResult ListUsers(List<UserEntry> users)
    {
        byte[]? passwd = ReadSmallFile("/etc/passwd", MaxDatabaseBytes);
        if (passwd is null)
        {
            return new InventoryResult(ErrorCodes.FileNotFound, "/etc/passwd could not be read", 0);
        }

        PasswdParser.Parse(passwd, users);
        int errors = 0;
        byte[]? shadow = ReadSmallFile("/etc/shadow", MaxDatabaseBytes);
        errors += shadow is null ? 1 : 0;
        Dictionary<string, bool>? hasPassword = shadow is null ? null : PasswdParser.ParseShadow(shadow);
        byte[]? lastlog = ReadSmallFile("/var/log/lastlog", MaxDatabaseBytes);
        byte[]? wtmp = ReadSmallFile("/var/log/wtmp", MaxDatabaseBytes);
        Dictionary<string, long>? wtmpLogins = wtmp is null ? null : PasswdParser.ParseWtmp(wtmp);
        bool anyLoginRecord = lastlog is not null || wtmpLogins is not null;
        for (int i = 0; i < users.Count; i++)
        {
            UserEntry user = users[i];
            bool? password = hasPassword is null ? null : hasPassword.TryGetValue(user.Name, out bool has) && has;
            long seconds = lastlog is null ? 0 : PasswdParser.LastLogSeconds(lastlog, user.Uid);
            if (wtmpLogins is not null && wtmpLogins.TryGetValue(user.Name, out long fromWtmp))
            {
                seconds = Math.Max(seconds, fromWtmp);
            }

            users[i] = user with { HasPassword = password, LastLogon = anyLoginRecord ? seconds * 1000 : -1 };
        }

        return new InventoryResult(0, shadow is null ? "/etc/shadow could not be read: HAS_PASSWORD left out" : null, errors);
    }

    public static InventoryResult ListServices(List<ServiceEntry> services)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string> enabled = WantedUnits();
        bool running = SystemdRunning;
        foreach (string directory in UnitDirectories)
        {
            foreach (string path in SafeFiles(directory, "*.service"))
            {
                string name = Path.GetFileName(path);
                // Templates (name@.service) are not services until instantiated.
                if (name.EndsWith("@.service", StringComparison.Ordinal) || !seen.Add(name))
                {
                    continue;
                }

                services.Add(DescribeUnit(name, path, enabled, running));
            }
        }

        // SysV scripts that no unit replaces (what systemd-sysv-generator would wrap), or all of them without systemd.
        foreach (string path in SafeFiles("/etc/init.d", "*"))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('.') || name is "README" or "skeleton" or "rc" or "rcS" || seen.Contains(name + ".service"))
            {
                continue;
            }

            services.Add(DescribeSysV(name, path));
        }

        return new InventoryResult(0, running ? null : "systemd is not the running init: systemd units are reported from their files, stopped", 0);
    }

    public static InventoryResult ListDrivers(List<ServiceEntry> drivers)
    {
        byte[]? modules = ReadSmallFile("/proc/modules", MaxDatabaseBytes);
        if (modules is null)
        {
            return new InventoryResult(ErrorCodes.NotSupported, "/proc/modules could not be read (kernel without module support?)", 0);
        }

        foreach (Range range in modules.AsSpan().Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = modules.AsSpan()[range];
            ReadOnlySpan<byte> name = TextLines.Field(line, (byte)' ', 0);
            if (name.IsEmpty)
            {
                continue;
            }

            // "name size refcount deps state address": state Live, Loading or Unloading.
            bool live = TextLines.Field(line, (byte)' ', 4).SequenceEqual("Live"u8);
            drivers.Add(new ServiceEntry(TextLines.Utf8(name), "", "kernel module", live ? 4 : 0, "", 0, "", "/proc/modules"));
        }

        return new InventoryResult(0, null, 0);
    }

    private static ServiceEntry DescribeUnit(string name, string path, HashSet<string> enabled, bool systemdRunning)
    {
        string startType;
        string description = "";
        string executable = "";
        string? linkTarget = LinkTarget(path);
        if (linkTarget == "/dev/null")
        {
            startType = "masked";
        }
        else
        {
            byte[] unit = ReadSmallFile(path) ?? [];
            description = UnitFileParser.GetValue(unit, "Unit"u8, "Description"u8) ?? "";
            string? exec = UnitFileParser.GetValue(unit, "Service"u8, "ExecStart"u8, first: true);
            executable = exec is null ? "" : ResolveProgram(UnitFileParser.ProgramOf(exec));
            // A link to a unit of another name is an alias (dbus-org.freedesktop.timesync1.service), as systemctl says.
            startType = linkTarget is not null && Path.GetFileName(linkTarget) != name ? "alias"
                : enabled.Contains(name) ? "enabled"
                : UnitFileParser.IsInstallable(unit) ? "disabled" : "static";
        }

        int state = 1;
        int pid = 0;
        if (systemdRunning)
        {
            pid = LowestPidOfCgroup(name);
            state = pid > 0 ? 4 : 1;
        }

        return new ServiceEntry(name, description, "systemd", state, startType, pid, executable, path);
    }

    private static ServiceEntry DescribeSysV(string name, string path)
    {
        byte[] script = ReadSmallFile(path) ?? [];
        string description = "";
        foreach (Range range in script.AsSpan().Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = script.AsSpan()[range];
            const string Marker = "# Short-Description:";
            if (line.StartsWith("# Short-Description:"u8))
            {
                description = TextLines.Utf8(line[Marker.Length..]).Trim();
                break;
            }
        }

        bool enabled = false;
        foreach (string level in (ReadOnlySpan<string>)["/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d", "/etc/rcS.d"])
        {
            enabled |= SafeFiles(level, "S??" + name).Length > 0;
        }

        // A running SysV service usually leaves /run/<name>.pid; the pid counts only if that process is alive.
        int pid = 0;
        byte[]? pidFile = ReadSmallFile("/run/" + name + ".pid", 64);
        if (pidFile is not null && TextLines.ParseLong(pidFile.AsSpan().Trim(" \n"u8), 0) is long value and > 0
            && Directory.Exists("/proc/" + value))
        {
            pid = (int)value;
        }

        return new ServiceEntry(name, description, "sysv", pid > 0 ? 4 : 0, enabled ? "enabled" : "disabled", pid, path, path);
    }

    /// <summary>Units enabled by a symlink in a <c>.wants</c>/<c>.requires</c> directory of /etc or /run.</summary>
    private static HashSet<string> WantedUnits()
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (string root in (ReadOnlySpan<string>)["/etc/systemd/system", "/run/systemd/system"])
        {
            foreach (string directory in SafeDirectories(root))
            {
                if (directory.EndsWith(".wants", StringComparison.Ordinal) || directory.EndsWith(".requires", StringComparison.Ordinal))
                {
                    foreach (string link in SafeFiles(directory, "*"))
                    {
                        wanted.Add(Path.GetFileName(link));
                    }
                }
            }
        }

        return wanted;
    }

    /// <summary>The lowest pid of the service's cgroup (v2 unified, or v1 name=systemd), 0 when it has none.</summary>
    private static int LowestPidOfCgroup(string unit)
    {
        foreach (string root in (ReadOnlySpan<string>)["/sys/fs/cgroup/system.slice/", "/sys/fs/cgroup/systemd/system.slice/"])
        {
            byte[]? procs = ReadSmallFile(root + unit + "/cgroup.procs", 1024 * 1024);
            if (procs is null)
            {
                continue;
            }

            long lowest = 0;
            foreach (Range range in procs.AsSpan().Split((byte)'\n'))
            {
                long pid = TextLines.ParseLong(procs.AsSpan()[range], 0);
                if (pid > 0 && (lowest == 0 || pid < lowest))
                {
                    lowest = pid;
                }
            }

            return (int)lowest;
        }

        return 0;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>An absolute program path for a command word: as is when absolute, else the first match in the usual bins.</summary>
    internal static string ResolveProgram(string program)
    {
        if (program.Length == 0 || program[0] == '/')
        {
            return program;
        }

        if (program.Contains('/', StringComparison.Ordinal) || program.Contains('$', StringComparison.Ordinal))
        {
            return "";
        }

        foreach (string directory in ProgramDirectories)
        {
            string candidate = directory + "/" + program;
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "";
    }

    /// <summary>Files of a directory, sorted; empty when it is missing or unreadable (never throws).</summary>
    internal static string[] SafeFiles(string directory, string pattern)
    {
        try
        {
            string[] files = Directory.GetFiles(directory, pattern);
            Array.Sort(files, StringComparer.Ordinal);
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    internal static string[] SafeDirectories(string directory)
    {
        try
        {
            return Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
