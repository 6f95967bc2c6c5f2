using Sensor.Platform.Inventory;
using Sensor.Platform.Linux.Inventory;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost
{
    // Per-user files a login shell or a desktop session runs.
    private static readonly string[] UserStartupFiles =
        [".profile", ".bash_profile", ".bash_login", ".bashrc", ".bash_logout", ".zshrc", ".zprofile", ".zlogin", ".config/fish/config.fish"];

    private static readonly string[] SystemStartupFiles =
        ["/etc/profile", "/etc/bash.bashrc", "/etc/bashrc", "/etc/zsh/zshrc", "/etc/zsh/zprofile", "/etc/zshrc", "/etc/environment"];

    /// <summary>
    /// The places that start code at boot or login (see docs/commands.md, "Inventory and network"): enabled systemd
    /// units, cron tables, rc.local, profile.d and shell rc files, XDG autostart, ld.so.preload, modules loaded at
    /// boot.
    /// </summary>
    public static InventoryResult ListAutoruns(List<AutorunEntry> autoruns)
    {
        AddSystemdUnits(autoruns);
        AddCron(autoruns);
        AddFileItself(autoruns, "/etc/rc.local", "rc.local");
        foreach (string script in SafeFiles("/etc/profile.d", "*"))
        {
            AddFileItself(autoruns, script, "profile.d");
        }

        foreach (string file in SystemStartupFiles)
        {
            AddFileItself(autoruns, file, "shell");
        }

        var homes = new List<UserEntry>();
        if (ReadSmallFile("/etc/passwd", MaxDatabaseBytes) is byte[] passwd)
        {
            PasswdParser.Parse(passwd, homes);
        }

        var seenHomes = new HashSet<string>(StringComparer.Ordinal);
        foreach (UserEntry user in homes)
        {
            if (user.Home.Length < 2 || user.Home[0] != '/' || !seenHomes.Add(user.Home))
            {
                continue;
            }

            foreach (string file in UserStartupFiles)
            {
                AddFileItself(autoruns, user.Home + "/" + file, "shell");
            }

            AddDesktopEntries(autoruns, user.Home + "/.config/autostart");
        }

        AddDesktopEntries(autoruns, "/etc/xdg/autostart");
        if (ReadSmallFile("/etc/ld.so.preload") is byte[] preload)
        {
            foreach (Range range in preload.AsSpan().Split((byte)'\n'))
            {
                // Entries are separated by white space or newlines; '#' starts a comment.
                foreach (string library in TextLines.Utf8(preload.AsSpan()[range]).Split([' ', '\t', ':'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (library.StartsWith('#'))
                    {
                        break;
                    }

                    autoruns.Add(new AutorunEntry("/etc/ld.so.preload", "ld.so.preload", library, library));
                }
            }
        }

        AddBootModules(autoruns);
        return new InventoryResult(0, null, 0);
    }

    private static void AddSystemdUnits(List<AutorunEntry> autoruns)
    {
        foreach (string root in (ReadOnlySpan<string>)["/etc/systemd/system", "/run/systemd/system"])
        {
            foreach (string directory in SafeDirectories(root))
            {
                if (!directory.EndsWith(".wants", StringComparison.Ordinal) && !directory.EndsWith(".requires", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (string link in SafeFiles(directory, "*"))
                {
                    string name = Path.GetFileName(link);
                    string? unitPath = FindUnit(name);
                    string exec = "";
                    if (unitPath is not null && ReadSmallFile(unitPath) is byte[] unit)
                    {
                        exec = UnitFileParser.GetValue(unit, "Service"u8, "ExecStart"u8, first: true) ?? "";
                    }

                    autoruns.Add(new AutorunEntry(link, "systemd", exec.Length == 0 ? "" : ResolveProgram(UnitFileParser.ProgramOf(exec)), exec.Length == 0 ? name : exec));
                }
            }
        }
    }

    /// <summary>The unit file a name resolves to (instances of templates resolve to the template).</summary>
    private static string? FindUnit(string name)
    {
        int at = name.IndexOf('@');
        int dot = name.LastIndexOf('.');
        string template = at > 0 && dot > at ? name[..(at + 1)] + name[dot..] : name;
        foreach (string directory in UnitDirectories)
        {
            foreach (string candidate in (ReadOnlySpan<string>)[name, template])
            {
                string path = directory + "/" + candidate;
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static void AddCron(List<AutorunEntry> autoruns)
    {
        AddCrontab(autoruns, "/etc/crontab", hasUserField: true);
        foreach (string file in SafeFiles("/etc/cron.d", "*"))
        {
            AddCrontab(autoruns, file, hasUserField: true);
        }

        foreach (string directory in (ReadOnlySpan<string>)["/var/spool/cron/crontabs", "/var/spool/cron"])
        {
            foreach (string file in SafeFiles(directory, "*"))
            {
                AddCrontab(autoruns, file, hasUserField: false);
            }
        }

        foreach (string directory in (ReadOnlySpan<string>)["/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly"])
        {
            foreach (string script in SafeFiles(directory, "*"))
            {
                if (!Path.GetFileName(script).StartsWith('.'))
                {
                    AddFileItself(autoruns, script, "cron");
                }
            }
        }
    }

    private static void AddCrontab(List<AutorunEntry> autoruns, string path, bool hasUserField)
    {
        if (Path.GetFileName(path).StartsWith('.') || ReadSmallFile(path, 1024 * 1024) is not byte[] crontab)
        {
            return;
        }

        foreach (string command in CrontabParser.Commands(crontab, hasUserField))
        {
            autoruns.Add(new AutorunEntry(path, "cron", ResolveProgram(UnitFileParser.ProgramOf(command)), command));
        }
    }

    private static void AddDesktopEntries(List<AutorunEntry> autoruns, string directory)
    {
        foreach (string file in SafeFiles(directory, "*.desktop"))
        {
            if (ReadSmallFile(file) is not byte[] entry)
            {
                continue;
            }

            string exec = UnitFileParser.GetValue(entry, "Desktop Entry"u8, "Exec"u8) ?? "";
            autoruns.Add(new AutorunEntry(file, "xdg-autostart", ResolveProgram(UnitFileParser.ProgramOf(exec)), exec));
        }
    }

    /// <summary>A script that runs by being where it is: the entry is the file and hashes the file itself.</summary>
    private static void AddFileItself(List<AutorunEntry> autoruns, string path, string kind)
    {
        if (File.Exists(path))
        {
            autoruns.Add(new AutorunEntry(path, kind, path, path));
        }
    }

    private static void AddBootModules(List<AutorunEntry> autoruns)
    {
        var files = new List<string> { "/etc/modules" };
        foreach (string directory in (ReadOnlySpan<string>)["/etc/modules-load.d", "/run/modules-load.d", "/usr/lib/modules-load.d", "/lib/modules-load.d"])
        {
            files.AddRange(SafeFiles(directory, "*.conf"));
        }

        foreach (string file in files)
        {
            if (ReadSmallFile(file) is not byte[] content)
            {
                continue;
            }

            foreach (Range range in content.AsSpan().Split((byte)'\n'))
            {
                string module = TextLines.Utf8(content.AsSpan()[range]).Trim();
                if (module.Length > 0 && module[0] is not ('#' or ';'))
                {
                    autoruns.Add(new AutorunEntry(file, "kernel-module", "", module));
                }
            }
        }
    }
}
